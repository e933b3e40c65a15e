package dev.jwtsigner.atomic;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.Check;
import dev.jwtsigner.internal.JsonWriter;
import dev.jwtsigner.internal.KeyRequirements;
import dev.jwtsigner.internal.SafeText;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.Text;
import dev.jwtsigner.internal.rules.AtomicRules;
import dev.jwtsigner.keys.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One token of an {@link AtomicTokenBuilder}: runs the rulebook ({@link AtomicRules}) on the claims about to
 * be signed, and the rules only a builder can check (the key's fit, the kid, reserved and twice-written
 * claims, Java values with no JSON form), all at once; then writes the checked claims and signs.
 */
final class AtomicMinter {

  private static final String SUB = "sub";
  private static final String ATOMIC_SUB = AtomicPolicy.ATOMIC_SUB;
  private static final String ISS = "iss";

  private AtomicMinter() {}

  static AtomicTokenBuilder.Minted mint(AtomicSettings c) {
    SigningKey key = c.keys.signingKey();
    if (key == null) {
      throw Check.noSigningKey();
    }
    JwsAlgorithm alg = c.algorithm != null ? c.algorithm : key.defaultAlgorithm();
    AtomicPolicy policy = c.policy;
    AtomicRules rules = c.rules;
    long iat = c.clock.instant().getEpochSecond();
    long exp;
    if (c.expiresAt != null) {
      exp = c.expiresAt.getEpochSecond();
    } else {
      Duration d = c.expiresIn != null ? c.expiresIn : defaultLifetime(policy);
      exp = saturatedAdd(iat, d.getSeconds());
    }
    String kid = c.keyId != null ? c.keyId : key.keyId().orElse(null);

    List<Violation> v = new ArrayList<>(0);
    v.addAll(rules.userId(name -> name.equals(SUB) ? (c.subjectSet ? c.subject : AtomicRules.ABSENT)
        : name.equals(ATOMIC_SUB) ? (c.atomicSubjectSet ? c.atomicSubject : AtomicRules.ABSENT) : AtomicRules.ABSENT));
    wellFormed(v, SUB, c.subjectSet ? c.subject : null);
    wellFormed(v, ATOMIC_SUB, c.atomicSubjectSet ? c.atomicSubject : null);
    checkAlgorithm(v, c, alg, key);
    if (!StrictJson.isPortable(exp)) { // the verifier stops at this JSON-text rule; the builder also says why
      v.add(Violation.of("exp", Rule.VALUE_NOT_JSON, "exp is a number that JavaScript and Python consumers would not"
          + " read as the same value (beyond ±(2^53 − 1)).", "set expiresIn(...) or expiresAt(...) within the policy's maximum."));
    }
    v.addAll(rules.expiry(iat, exp, iat, 0));
    v.addAll(rules.issuer(c.issuer == null ? AtomicRules.ABSENT : c.issuer));
    if (c.keyId != null && key.keyId().isPresent() && !key.keyId().get().equals(c.keyId)) {
      v.add(Violation.of("header.kid", Rule.KEY_ID_INVALID,
          "keyId(...) sets a kid other than the one the key source gives its current key.",
          "leave keyId(...) out and let the key source name its key (KeySource.withKeyId), so a kid always travels with its key."));
    }
    boolean fields = !c.profile.isEmpty() || !c.custom.isEmpty() || !c.extra.isEmpty();
    if (fields) {
      Map<String, String> written = new HashMap<>();
      checkFields(v, policy, c.profile, true, "the profile field ", written);
      checkFields(v, policy, c.custom, true, "customField(...)", written);
      checkFields(v, policy, c.extra, false, "claim(...)", written);
    }
    // written even when a rule broke, so the size is judged with the rest, as the verifier would judge it
    ClaimsWriter json = new ClaimsWriter();
    if (c.subjectSet) {
      json.stringOrNull(SUB, c.subject);
    }
    if (c.atomicSubjectSet) {
      json.stringOrNull(ATOMIC_SUB, c.atomicSubject);
    }
    json.number("iat", iat).number("exp", exp);
    if (c.issuer != null) {
      json.string(ISS, c.issuer);
    }
    if (fields) {
      write(json, policy, c.profile, true);
      write(json, policy, c.custom, true);
      write(json, policy, c.extra, false);
    }
    int bytes = json.utf8Length();
    if (bytes > AtomicRules.MAX_CLAIMS_BYTES) {
      v.add(StrictJson.tooLarge(AtomicRules.CLAIMS, String.valueOf(bytes), AtomicRules.MAX_CLAIMS_BYTES));
    }
    if (!v.isEmpty()) {
      throw rejected(v);
    }
    String token = c.signers.sign(c.keys, key, alg, kid, json.close());
    return new AtomicTokenBuilder.Minted(token, exp);
  }

  private static TokenRejectedException rejected(List<Violation> v) {
    return new TokenRejectedException(Reason.TOKEN_REJECTED,
        "the Atomic token was not signed: " + v.size() + (v.size() == 1 ? " rule" : " rules") + " broken.", v);
  }

  /** {@code INVALID_UNICODE}: a user ID with a lone surrogate has no UTF-8 encoding (the verifier's JSON rule). */
  private static void wellFormed(List<Violation> v, String claim, String value) {
    if (value != null && !Text.isWellFormed(value)) {
      v.add(Violation.of(claim, Rule.INVALID_UNICODE, claim + " contains a lone UTF-16 surrogate, which has no UTF-8 encoding.",
          "pass the user ID as well-formed Unicode text."));
    }
  }

  /** Builder only: the verifier's strict decoder checks the signature and the trusted key's fit instead. */
  private static void checkAlgorithm(List<Violation> v, AtomicSettings c, JwsAlgorithm alg, SigningKey key) {
    if (c.unknownAlgorithm != null) {
      v.add(Violation.of("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
          "the algorithm " + SafeText.of(c.unknownAlgorithm) + " is not one the platform accepts (RS256, RS512, ES512).",
          "use RS256 or RS512 with an RSA key, or ES512 with a P-521 key."));
    } else if (!alg.fits(key.privateKey())) {
      boolean wantsEc = alg == JwsAlgorithm.ES512;
      v.add(Violation.of("header.alg", Rule.ALGORITHM_KEY_MISMATCH,
          alg + " needs " + (wantsEc ? "an EC P-521 key" : "an RSA key") + ", but the key source gives "
              + (wantsEc ? "an RSA key." : "an EC key."),
          wantsEc
              ? "sign this key with RS256 or RS512, or load a P-521 key for ES512."
              : "sign this key with ES512, or load an RSA key of " + KeyRequirements.MIN_RSA_BITS + " bits or more for "
                  + alg + "."));
    }
  }

  private static void checkFields(List<Violation> v, AtomicPolicy policy, Map<String, JsonValue> fields,
      boolean mapped, String source, Map<String, String> written) {
    for (Map.Entry<String, JsonValue> e : fields.entrySet()) {
      String field = e.getKey();
      String what = source.endsWith(" ") ? source + field : source;
      List<Violation> name = AtomicRules.claimName(field, " given to " + what);
      if (!name.isEmpty()) {
        v.addAll(name);
        continue;
      }
      String claim = mapped ? policy.claimName(field) : field;
      if (policy.reservedClaims().contains(claim)) {
        v.add(AtomicRules.reserved(claim, what));
        continue;
      }
      JsonValue value = e.getValue();
      String earlier = written.putIfAbsent(claim, what);
      if (earlier != null || value.writtenTwice()) {
        v.add(AtomicRules.writtenTwice(claim, earlier != null ? earlier : what, what));
        continue;
      }
      for (JsonWriter.Problem p : value.problems()) {
        v.add(p.at(claim));
      }
    }
  }

  /** Writes the fields that have a JSON form under a usable name (the others are violations already). */
  private static void write(ClaimsWriter json, AtomicPolicy policy, Map<String, JsonValue> fields, boolean mapped) {
    for (Map.Entry<String, JsonValue> e : fields.entrySet()) {
      if (e.getKey() != null && e.getValue().json() != null) {
        json.raw(mapped ? policy.claimName(e.getKey()) : e.getKey(), e.getValue().json());
      }
    }
  }

  private static Duration defaultLifetime(AtomicPolicy policy) {
    Duration d = AtomicTokenBuilder.DEFAULT_LIFETIME;
    return d.compareTo(policy.maxTokenExpiry()) <= 0 ? d : policy.maxTokenExpiry();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
