package dev.jwtsigner.cli;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.cli.Options.Platform;
import dev.jwtsigner.keys.PublicKeys;
import dev.jwtsigner.testkit.AtomicPlatformVerifier;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.math.BigDecimal;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One token, explained: the decoded header and claims, its times against now and the platform's maximum,
 * and the test kit's verdict. {@code verify}, {@code inspect} and the debugger page all show this, so the
 * three can never disagree; every rule comes from the library's verifiers.
 *
 * @param platform which platform's rules apply
 * @param atomic the Atomic API key's settings (Atomic only)
 * @param apto the Apto limits, without keys (Apto only)
 * @param trust the public keys (PEM, JWK, JWKS texts, each with an optional kid); none: the signature is not checked
 * @param clock "now"
 */
record TokenReport(Platform platform, AtomicPolicy atomic, AptoPolicy.Builder apto, List<Trust> trust, InstantSource clock) {

  /** A public-key text to trust, under {@code kid} (Apto PEM keys need one; null otherwise). */
  record Trust(String kid, String text) {}

  Map<String, Object> explain(String token) {
    Instant now = clock.instant();
    TokenParts parts = TokenParts.of(token);
    Map<String, Object> r = Json.object();
    r.put("platform", platform.name());
    r.put("parts", parts.parts());
    r.put("header", parts.header());
    r.put("claims", parts.claims());
    r.put("now", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    Map<String, Object> claims = parts.claims() == null ? Map.of() : parts.claims();
    Map<String, Object> times = Json.object();
    for (String name : List.of("iat", "nbf", "exp")) {
      if (claims.containsKey(name)) {
        times.put(name, time(name, claims.get(name), now));
      }
    }
    r.put("times", times);
    Long iat = seconds(claims.get("iat"));
    Long exp = seconds(claims.get("exp"));
    Duration max = platform == Platform.atomic ? atomic.maxTokenExpiry() : null;
    Map<String, Object> lifetime = Json.object();
    if (iat != null && exp != null) {
      lifetime.put("seconds", exp - iat);
      lifetime.put("human", Durations.human(Duration.ofSeconds(exp - iat)));
    }
    lifetime.put("maximumSeconds", max == null ? null : max.getSeconds());
    lifetime.put("maximumHuman", max == null ? "none" : Durations.human(max));
    if (iat != null && exp != null && max != null) {
      lifetime.put("withinMaximum", exp - iat <= max.getSeconds());
    }
    r.put("lifetime", lifetime);
    Map<String, Object> timeline = Json.object();
    timeline.put("iat", iat);
    timeline.put("now", now.getEpochSecond());
    timeline.put("exp", exp);
    Long anchor = iat != null ? iat : Long.valueOf(now.getEpochSecond());
    timeline.put("max", max == null ? null : anchor + max.getSeconds());
    r.put("timeline", timeline);
    r.put("signatureChecked", !trust.isEmpty());
    Verdict verdict = verdict(token, parts);
    List<Violation> violations = verdict.violations();
    if (trust.isEmpty()) {
      // without a key the signature cannot be checked; every other rule still is, as a warning
      violations = violations.stream().filter(v -> v.rule() != Violation.Rule.SIGNATURE_INVALID || !v.field().equals("signature"))
          .toList();
      r.put("warnings", Errors.violations(violations));
    } else {
      Map<String, Object> v = Json.object();
      v.put("accepted", verdict.accepted());
      v.put("violations", Errors.violations(violations));
      v.put("userIdClaim", verdict.userId().map(id -> userIdClaim(claims, id)).orElse(null));
      r.put("verdict", v);
    }
    return r;
  }

  private Verdict verdict(String token, TokenParts parts) {
    if (platform == Platform.atomic) {
      AtomicPlatformVerifier v = AtomicPlatformVerifier.create(atomic).clock(clock);
      for (Trust t : trust) {
        v = v.trust(t.text());
      }
      return v.verify(token);
    }
    AptoPolicy.Builder policy = apto;
    Object tokenKid = parts.header() == null ? null : parts.header().get("kid");
    for (Trust t : trust) {
      if (t.text().strip().startsWith("{")) {
        for (Map.Entry<String, PublicKey> e : PublicKeys.parseAllWithIds(t.text()).entrySet()) {
          policy = policy.registerKey(t.kid() != null ? t.kid() : e.getKey(), e.getValue());
        }
      } else {
        String kid = t.kid() != null ? t.kid() : tokenKid instanceof String s && !s.isBlank() ? s : null;
        if (kid == null) {
          throw new JwtSignerException(Reason.INVALID_ARGUMENT, "a PEM key for signed payloads needs the kid it is"
              + " registered under, and the token names none. Fix: pass --trust KID=FILE, such as key_1=public.pem.");
        }
        policy = policy.registerKey(kid, PublicKeys.parse(t.text()));
      }
    }
    return SignedPayloadVerifier.create(policy.build()).clock(clock).verify(token);
  }

  private String userIdClaim(Map<String, Object> claims, String id) {
    for (String name : atomic.userIdClaims()) {
      if (id.equals(claims.get(name))) {
        return name;
      }
    }
    return null;
  }

  private static Map<String, Object> time(String name, Object value, Instant now) {
    Map<String, Object> t = Json.object();
    Long s = seconds(value);
    if (s == null) {
      t.put("type", value == null ? "null" : value instanceof String ? "string" : value.getClass().getSimpleName());
      t.put("note", name + " is not a JSON number of seconds, so no time can be read from it");
      return t;
    }
    Instant at = Instant.ofEpochSecond(s);
    t.put("epoch", s);
    t.put("date", at.toString());
    Duration d = Duration.between(now, at);
    boolean future = !d.isNegative() && !d.isZero();
    String ago = Durations.human(d) + " ago";
    String in = "in " + Durations.human(d);
    t.put("relative", switch (name) {
      case "exp" -> future ? "expires " + in : "expired " + ago;
      case "nbf" -> future ? "valid " + in : "valid since " + Durations.human(d);
      default -> future ? "issued " + in + " (in the future)" : "issued " + ago;
    });
    return t;
  }

  /** Whole seconds of a JSON number, or null for anything else (a string, a fraction too large...). */
  static Long seconds(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal b) {
      try {
        return b.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return value instanceof Number n && Math.abs(n.doubleValue()) < 1e15 ? (long) Math.floor(n.doubleValue()) : null;
  }

  /** The report as text: decoded parts (when {@code decoded}), times, lifetime, and the verdict or warnings. */
  @SuppressWarnings("unchecked")
  static void print(java.io.PrintWriter o, Map<String, Object> r, boolean decoded) {
    if (decoded) {
      o.println("Header:");
      o.println(r.get("header") == null ? "  (does not decode as base64url JSON)" : Json.pretty(r.get("header")));
      o.println("Claims:");
      o.println(r.get("claims") == null ? "  (do not decode as base64url JSON)" : Json.pretty(r.get("claims")));
    }
    o.println("Times (now " + r.get("now") + "):");
    Map<String, Object> times = (Map<String, Object>) r.get("times");
    if (times.isEmpty()) {
      o.println("  no iat, nbf or exp");
    }
    times.forEach((name, t) -> {
      Map<String, Object> m = (Map<String, Object>) t;
      o.println(m.containsKey("date")
          ? String.format("  %-4s %s  %s", name, m.get("date"), m.get("relative"))
          : String.format("  %-4s a %s, not a number", name, m.get("type")));
    });
    Map<String, Object> lifetime = (Map<String, Object>) r.get("lifetime");
    if (lifetime.containsKey("human")) {
      Object within = lifetime.get("withinMaximum");
      o.println("  lifetime " + lifetime.get("human") + (lifetime.get("maximumSeconds") == null ? " (Apto sets no maximum)"
          : "; the platform maximum is " + lifetime.get("maximumHuman") + (Boolean.TRUE.equals(within) ? " (within it)" : " (BEYOND it)")));
    }
    if (r.containsKey("verdict")) {
      Map<String, Object> v = (Map<String, Object>) r.get("verdict");
      List<Map<String, Object>> violations = (List<Map<String, Object>>) v.get("violations");
      String platform = Platform.valueOf((String) r.get("platform")).title;
      if (Boolean.TRUE.equals(v.get("accepted"))) {
        o.println("ACCEPTED: " + platform + " would accept this token"
            + (v.get("userIdClaim") == null ? "." : " (user ID from " + v.get("userIdClaim") + ")."));
      } else {
        o.println("REFUSED: " + platform + " would refuse this token (" + violations.size()
            + (violations.size() == 1 ? " rule" : " rules") + " broken):");
        printViolations(o, violations);
      }
    } else {
      List<Map<String, Object>> warnings = (List<Map<String, Object>>) r.get("warnings");
      if (warnings.isEmpty()) {
        o.println("Warnings: none");
      } else {
        o.println("Warnings (" + warnings.size() + "):");
        printViolations(o, warnings);
      }
      o.println("Signature: not checked (no key). Check it with: jwt-signer verify "
          + ("apto".equals(r.get("platform")) ? "payload" : "atomic") + " TOKEN --trust KEY");
    }
  }

  private static void printViolations(java.io.PrintWriter o, List<Map<String, Object>> violations) {
    for (Map<String, Object> x : violations) {
      o.println("  - " + x.get("field") + " [" + x.get("rule") + "]: " + x.get("message"));
      o.println("    Fix: " + x.get("fix"));
    }
  }

}
