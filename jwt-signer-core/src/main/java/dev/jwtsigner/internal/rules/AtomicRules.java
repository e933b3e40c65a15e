package dev.jwtsigner.internal.rules;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Atomic platform's claim rules, each written once, with one wording: {@code AtomicTokenBuilder} runs
 * them on the claims it is about to sign, {@code AtomicPlatformVerifier} on the claims it decoded. Each rule
 * is one method returning the violations it finds (an empty list, allocated never, when the rule holds).
 *
 * <pre>{@code
 * AtomicRules rules = AtomicRules.of(policy.maxTokenExpiry(), policy.sdkExpiryInterval(),
 *     policy.allowedIssuers(), policy.userIdClaims());
 * List<Violation> v = rules.issuer(claims.get("iss"));
 * }</pre>
 *
 * <p>Rules only one side can check say so: the signature and the key's fit are the verifier's (the strict
 * decoder's); {@code exp} in the past, or too far ahead of now, only the verifier sees (the builder's clock is
 * {@code iat}); the reserved-claim and twice-written-claim rules and the Java value rules are the builder's
 * (a decoded token has no calls, only JSON). The strict JSON text rules (size, depth, numbers, Unicode) are
 * {@link StrictJson}'s, with the limits here.
 */
public final class AtomicRules {

  /** The largest claims set, in UTF-8 bytes of its JSON. */
  public static final int MAX_CLAIMS_BYTES = 65_536;
  /** The deepest nesting of the claims set (the claims object itself counts as 1). */
  public static final int MAX_DEPTH = StrictJson.DEFAULT_MAX_DEPTH;
  /** No platform maps a longer claim name; a longer one is a mistake (or an attack) that would bloat every token. */
  public static final int MAX_CLAIM_NAME_CHARS = 256;
  /** What {@link Claims#get} answers for a claim the token does not carry. */
  public static final Object ABSENT = new Object();
  /** The field of violations about the claims set as a whole (its names, size or JSON text). */
  public static final String CLAIMS = "claims";

  private static final StrictJson CLAIMS_JSON = StrictJson.create(MAX_CLAIMS_BYTES, MAX_DEPTH);

  /** A claims set as the rules read it: a decoded map, or the values a builder is about to write. */
  @FunctionalInterface
  public interface Claims {
    /** The claim's value ({@code null} for JSON null), or {@link #ABSENT}. */
    Object get(String name);
  }

  private final long maxSeconds;
  private final long sdkSeconds;
  private final Set<String> allowedIssuers;
  private final List<String> userIdClaims;

  private AtomicRules(long maxSeconds, long sdkSeconds, Set<String> allowedIssuers, List<String> userIdClaims) {
    this.maxSeconds = maxSeconds;
    this.sdkSeconds = sdkSeconds;
    this.allowedIssuers = allowedIssuers;
    this.userIdClaims = userIdClaims;
  }

  /** The rules of an API key's settings (an {@code AtomicPolicy}'s). */
  public static AtomicRules of(Duration maxTokenExpiry, Duration sdkExpiryInterval, Set<String> allowedIssuers,
      List<String> userIdClaims) {
    return new AtomicRules(maxTokenExpiry.getSeconds(), sdkExpiryInterval.getSeconds(),
        Collections.unmodifiableSet(new LinkedHashSet<>(allowedIssuers)), List.copyOf(userIdClaims));
  }

  /** The strict JSON reader with the claims limits: the verifier decodes with it, the builder checks against it. */
  public static StrictJson claimsJson() {
    return CLAIMS_JSON;
  }

  // ---------------------------------------------------------------- who the token is for (both sides)

  /**
   * {@code USER_ID_MISSING}: the SDK reads the user ID from the first of the policy's user-ID claims that holds
   * a non-blank string; a token must have one, and every user-ID claim it carries must hold one (a blank or
   * non-string user-ID claim is a signer's mistake that makes the SDK read another claim).
   */
  public List<Violation> userId(Claims claims) {
    String resolved = null;
    List<String> unusable = null;
    String firstUnusable = null;
    for (String claim : userIdClaims) {
      Object value = claims.get(claim);
      if (value == ABSENT) {
        continue;
      }
      if (value instanceof String s && !s.isBlank()) {
        resolved = resolved == null ? s : resolved;
      } else {
        if (unusable == null) {
          unusable = new ArrayList<>(2);
          firstUnusable = claim;
        }
        unusable.add(claim + " is " + (value instanceof String ? "blank" : Json.typeOf(value)));
      }
    }
    if (resolved != null && unusable == null) {
      return List.of();
    }
    String order = String.join(", ", userIdClaims);
    String fix = "put the user ID as a non-blank string in sub (subject(userId)), or in atomic_sub when sub carries"
        + " another ID (atomicSubject(userId)), and in no other user-ID claim.";
    if (resolved != null) {
      return List.of(Violation.of(firstUnusable, Rule.USER_ID_MISSING,
          "a user-ID claim holds no user ID (" + String.join("; ", unusable) + "); every one of " + order
              + " the token carries must hold a non-blank string.", fix));
    }
    String unread = null;
    for (String claim : List.of("sub", "atomic_sub")) {
      if (!userIdClaims.contains(claim) && claims.get(claim) instanceof String s && !s.isBlank()) {
        unread = claim;
      }
    }
    return List.of(Violation.of(userIdClaims.contains("sub") ? "sub" : userIdClaims.get(0), Rule.USER_ID_MISSING,
        "no user ID: none of " + order + " holds a non-blank string"
            + (unusable == null ? "" : " (" + String.join("; ", unusable) + ")")
            + (unread == null ? "." : "; " + unread + " holds one, but the policy does not read it."),
        unread == null ? fix
            : "write the user ID where the API key reads it, or add " + unread + " to AtomicPolicy.userIdClaims."));
  }

  /** The user ID the SDK would resolve: the first user-ID claim holding a non-blank string, or null. */
  public String resolveUserId(Claims claims) {
    for (String claim : userIdClaims) {
      if (claims.get(claim) instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- time claims (both sides)

  /**
   * {@code CLAIM_MISSING}, {@code CLAIM_NOT_NUMERIC}, {@code TIME_CLAIM_INVALID}: {@code iat} and {@code exp}
   * are required JSON numbers of seconds since the epoch, finite.
   *
   * @param value the claim's value, or {@link #ABSENT}
   */
  public static List<Violation> timeClaim(String claim, Object value) {
    String what = claim.equals("exp") ? "the token's expiry, such as expiresIn(Duration.ofHours(1))"
        : "the time it was issued (jsonwebtoken and AtomicTokenBuilder add it)";
    if (value == ABSENT) {
      return List.of(Violation.of(claim, Rule.CLAIM_MISSING, claim + " is missing; the platform requires it.",
          "set " + claim + " to a JSON number of seconds since the epoch: " + what + "."));
    }
    if (!(value instanceof Number n)) {
      return List.of(Violation.of(claim, Rule.CLAIM_NOT_NUMERIC,
          claim + " is " + Json.typeOf(value) + "; the platform requires a JSON number of seconds since the epoch.",
          "write " + claim + " as a number, not in quotes, as jsonwebtoken and AtomicTokenBuilder do."));
    }
    if (!Double.isFinite(n.doubleValue())) {
      return List.of(Violation.of(claim, Rule.TIME_CLAIM_INVALID, claim + " is a number beyond the range of a double.",
          "write " + claim + " as whole seconds since the epoch: " + what + "."));
    }
    return List.of();
  }

  /**
   * The lifetime rules, on {@code iat} and {@code exp} in seconds ({@code iat} NaN when it is unusable):
   * {@code EXPIRY_NOT_AFTER_ISSUED_AT} ({@code exp ≤ iat}); {@code EXPIRY_BEYOND_MAXIMUM} ({@code exp − iat}
   * above the policy's maximum, equal allowed); {@code LIFETIME_BELOW_SDK_INTERVAL} (the SDK asks for a new
   * token its expiry interval before {@code exp}, so a token living no longer than that is useless). Verifier
   * only, as the builder's clock is {@code iat}: {@code EXPIRED} ({@code exp ≤ now − skew}) and
   * {@code EXPIRY_BEYOND_MAXIMUM} for an {@code exp} more than the maximum ahead of now.
   */
  public List<Violation> expiry(double iat, double exp, double now, double skew) {
    List<Violation> v = List.of();
    boolean known = !Double.isNaN(iat);
    if (known && exp <= iat) {
      return List.of(Violation.of("exp", Rule.EXPIRY_NOT_AFTER_ISSUED_AT,
          "exp is not after iat: exp − iat is " + Seconds.of(exp - iat) + "; the token must live longer than the"
              + " SDK's expiry interval of " + Seconds.of(sdkSeconds) + ".",
          "sign with exp after iat: expiresIn(...) a positive duration (the default is 1 day), or expiresAt(...) a"
              + " later instant."));
    }
    if (exp <= now - skew) {
      v = add(v, Violation.of("exp", Rule.EXPIRED,
          "the token expired " + Seconds.of(now - exp) + " ago (allowed clock skew: " + Seconds.of(skew) + ").",
          "mint a new token for each SDK request, or cache it only while it is fresh (AtomicTokenCache)."));
    }
    if (known && exp - iat > maxSeconds) {
      v = add(v, Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
          "exp − iat is " + Seconds.of(exp - iat) + "; the policy allows at most " + Seconds.of(maxSeconds) + ".",
          "shorten expiresIn(...) to " + Seconds.of(maxSeconds) + " or less, or raise the API key's max token expiry"
              + " together with AtomicPolicy.maxTokenExpiry."));
    } else if (exp > now + maxSeconds + skew) {
      v = add(v, Violation.of("exp", Rule.EXPIRY_BEYOND_MAXIMUM,
          "exp lies " + Seconds.of(exp - now) + " after now; the policy allows at most " + Seconds.of(maxSeconds)
              + " (allowed clock skew: " + Seconds.of(skew) + ").",
          "sign with iat set to the current time and a lifetime of " + Seconds.of(maxSeconds)
              + " or less; check the signer's clock."));
    }
    if (known && exp - iat <= sdkSeconds && exp - iat <= maxSeconds) {
      v = add(v, Violation.of("exp", Rule.LIFETIME_BELOW_SDK_INTERVAL,
          "exp − iat is " + Seconds.of(exp - iat) + "; the SDK asks for a new token " + Seconds.of(sdkSeconds)
              + " before exp, so the token must live longer than that.",
          "set expiresIn(...) above " + Seconds.of(sdkSeconds) + " (the default is 1 day), or lower"
              + " AtomicPolicy.sdkExpiryInterval to match the SDK's setting."));
    }
    return v;
  }

  // ---------------------------------------------------------------- other claims (both sides)

  /** {@code ISSUER_NOT_ALLOWED}: when the policy lists issuers, {@code iss} is a string among them. */
  public List<Violation> issuer(Object iss) {
    if (allowedIssuers.isEmpty() || (iss instanceof String s && allowedIssuers.contains(s))) {
      return List.of();
    }
    String problem = iss == ABSENT ? "iss is missing"
        : iss instanceof String ? "iss is not one of the policy's allowed issuers"
        : "iss is " + Json.typeOf(iss) + ", not a string";
    return List.of(Violation.of("iss", Rule.ISSUER_NOT_ALLOWED,
        problem + "; the API key accepts only " + allowedIssuers.size()
            + (allowedIssuers.size() == 1 ? " issuer." : " issuers."),
        "sign with iss set to one of: " + String.join(", ", allowedIssuers)
            + " (issuer(...))."));
  }

  /**
   * {@code CLAIM_NAME_INVALID} / {@code INVALID_UNICODE}: a claim name is non-blank, printable, well-formed
   * text of at most {@value #MAX_CLAIM_NAME_CHARS} characters.
   *
   * @param where completes "a claim name ..." with where it was given ({@code "given to claim(...)"}), or
   *     empty for a decoded token
   */
  public static List<Violation> claimName(String name, String where) {
    if (name != null && !Text.isWellFormed(name)) {
      return List.of(Violation.of(CLAIMS, Rule.INVALID_UNICODE,
          "a claim name" + where + " contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
          "name each claim with well-formed Unicode text."));
    }
    String problem = name == null ? "is null" : name.isBlank() ? "is blank"
        : name.chars().anyMatch(Character::isISOControl) ? "contains a control character"
        : name.length() > MAX_CLAIM_NAME_CHARS ? "is longer than " + MAX_CLAIM_NAME_CHARS + " characters" : null;
    if (problem == null) {
      return List.of();
    }
    return List.of(Violation.of(CLAIMS, Rule.CLAIM_NAME_INVALID, "a claim name" + where + " " + problem + ".",
        "name each claim with non-blank, printable text."));
  }

  // ---------------------------------------------------------------- builder only (calls, not JSON)

  /** {@code CLAIM_NAME_INVALID}: builder only; a decoded token cannot name a claim twice (that is JSON's DUPLICATE_MEMBER). */
  public static Violation writtenTwice(String claim, String earlier, String what) {
    return Violation.of(claim, Rule.CLAIM_NAME_INVALID, claim + " is written twice: by " + earlier + " and by " + what + ".",
        "set each claim once; rename one of them, or change the policy's claim mapping.");
  }

  /**
   * {@code RESERVED_CLAIM}: builder only; {@code claim(...)} or a profile or custom field may not set a claim the
   * builder sets itself (a decoded token cannot tell who wrote a claim).
   */
  public static Violation reserved(String claim, String what) {
    String fix = switch (claim) {
      case "iss" -> "set the issuer with issuer(...).";
      case "sub" -> "set the user ID with subject(...).";
      case "atomic_sub" -> "set the user ID with atomicSubject(...).";
      case "exp" -> "set the expiry with expiresIn(...) or expiresAt(...).";
      case "iat" -> "leave iat to the builder, which takes it from its clock(...).";
      case "nbf" -> "leave nbf out; the platform does not use it and it could make a fresh token unusable.";
      default -> "the SDK reads the user ID from " + claim + "; set it with subject(...) or atomicSubject(...).";
    };
    return Violation.of(claim, Rule.RESERVED_CLAIM,
        claim + " is reserved: " + what + " may not set it, so no extra claim can change whose token it is or how long it lives.",
        fix);
  }

  private static List<Violation> add(List<Violation> v, Violation x) {
    List<Violation> out = v.isEmpty() ? new ArrayList<>(2) : v;
    out.add(x);
    return out;
  }
}
