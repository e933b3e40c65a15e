package dev.jwtsigner.internal.rules;

import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.internal.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Apto platform's payload rules, each written once, with one wording: {@code SignedPayloadBuilder} runs
 * them on the payload it is about to sign (the caller's members and the time claims it adds, against its own
 * clock), {@code SignedPayloadVerifier} on the payload it decoded. The payload's JSON text rules (one strict
 * object, size, depth, numbers, Unicode) are {@link StrictJson}'s, with the policy's limits, on both sides.
 *
 * <pre>{@code
 * List<Violation> v = AptoRules.timeClaims(payload, clock.instant().getEpochSecond());
 * }</pre>
 *
 * <p>Only one side can check: the signature and the kid's key (the verifier's strict decoder); the key pair
 * registered under a kid, and a time claim set both by the payload and by the builder ({@code
 * TIME_CLAIM_CONFLICT}), are the builder's.
 */
public final class AptoRules {

  /** The latest instant a time claim may name: 9999-12-31T23:59:59Z. */
  public static final long MAX_EPOCH_SECOND = 253_402_300_799L;
  /** The time claims checked when present, in the order reported. */
  public static final List<String> TIME_CLAIMS = List.of("iat", "nbf", "exp");

  private AptoRules() {}

  /** {@link #timeClaim(String, Object, long)} for each of {@link #TIME_CLAIMS} the payload carries. */
  public static List<Violation> timeClaims(Map<String, Object> payload, long now) {
    List<Violation> found = List.of();
    for (String claim : TIME_CLAIMS) {
      if (payload.containsKey(claim)) {
        List<Violation> v = timeClaim(claim, payload.get(claim), now);
        if (!v.isEmpty()) {
          if (found.isEmpty()) {
            found = new ArrayList<>(3);
          }
          found.addAll(v);
        }
      }
    }
    return found;
  }

  /**
   * The form and meaning of a time claim the payload carries: {@code CLAIM_NOT_NUMERIC} (not a JSON number),
   * {@code TIME_CLAIM_INVALID} (not whole seconds from 0 to the end of year 9999), {@code EXPIRED} ({@code exp}
   * not after now), {@code NOT_YET_VALID} ({@code nbf} or {@code iat} after now). "Now" is the verifier's clock,
   * or the builder's when it signs.
   */
  public static List<Violation> timeClaim(String claim, Object value, long now) {
    if (!(value instanceof Number number)) {
      return List.of(Violation.of(claim, Rule.CLAIM_NOT_NUMERIC, claim + " is not a JSON number.",
          "write " + claim + " as seconds since the epoch, a number such as 1767225600, not a string."));
    }
    return timeClaim(claim, wholeSeconds(number), now);
  }

  /** {@link #timeClaim(String, Object, long)} for whole {@code seconds} (-1: not whole, or negative). */
  public static List<Violation> timeClaim(String claim, long seconds, long now) {
    if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
      return List.of(Violation.of(claim, Rule.TIME_CLAIM_INVALID,
          claim + " is not a whole number of seconds from 0 to " + MAX_EPOCH_SECOND + " (the end of year 9999).",
          "write " + claim + " as whole seconds since the epoch, as the clock's getEpochSecond() gives it."));
    }
    if (claim.equals("exp") && seconds <= now) {
      return List.of(Violation.of(claim, Rule.EXPIRED,
          "exp is " + (now - seconds) + " seconds before now: the token has expired.",
          "sign a new token for each request, with a lifetime that covers its delivery."));
    }
    if ((claim.equals("nbf") || claim.equals("iat")) && seconds > now) {
      return List.of(Violation.of(claim, Rule.NOT_YET_VALID,
          claim + " is " + (seconds - now) + " seconds after now: the token is not valid yet.",
          claim.equals("nbf") ? "leave nbf out, or set it no later than the time of signing."
              : "leave iat to the builder (issuedAt(true)), or set it no later than the time of signing."));
    }
    return List.of();
  }

  /** The number as whole seconds, or -1 when it is negative, has a fraction or is beyond a long. */
  private static long wholeSeconds(Number n) {
    if (n instanceof Long || n instanceof Integer) {
      return Math.max(n.longValue(), -1);
    }
    if (n instanceof BigInteger) {
      return -1; // beyond a long, so beyond year 9999
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      return -1;
    }
    BigDecimal exact = n instanceof BigDecimal b ? b : new BigDecimal(d);
    try {
      return Math.max(exact.longValueExact(), -1);
    } catch (ArithmeticException e) {
      return -1;
    }
  }
}
