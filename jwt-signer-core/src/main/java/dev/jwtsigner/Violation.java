package dev.jwtsigner;

import java.util.Objects;

/**
 * One broken platform rule: which claim or header it concerns, which rule, and how to fix it.
 *
 * <p>Builders throw a {@link JwtSignerException} listing every violation at once; the test kit's
 * verifiers return them in a {@code Verdict}. A violation never carries a claim value or key material,
 * so it is safe to log.
 *
 * <pre>{@code
 * try {
 *   builder.subject(" ").sign();
 * } catch (JwtSignerException e) {
 *   for (Violation v : e.violations()) {
 *     log.warn("{} broke {}: {}", v.field(), v.rule(), v.fix());
 *   }
 * }
 * }</pre>
 */
public final class Violation {

  /** The machine-readable rules a violation can name. */
  public enum Rule {
    // who the token is for
    USER_ID_MISSING,
    // algorithm and key
    ALGORITHM_NOT_ALLOWED,
    ALGORITHM_KEY_MISMATCH,
    KEY_UNSUITABLE,
    KEY_ID_INVALID,
    KEY_ID_UNKNOWN,
    // time claims
    CLAIM_MISSING,
    CLAIM_NOT_NUMERIC,
    TIME_CLAIM_INVALID,
    EXPIRY_NOT_AFTER_ISSUED_AT,
    EXPIRY_BEYOND_MAXIMUM,
    LIFETIME_BELOW_SDK_INTERVAL,
    EXPIRED,
    NOT_YET_VALID,
    TIME_CLAIM_CONFLICT,
    // other claims
    ISSUER_NOT_ALLOWED,
    RESERVED_CLAIM,
    CLAIM_NAME_INVALID,
    VALUE_NOT_JSON,
    // payload / JSON shape
    NOT_A_JSON_OBJECT,
    JSON_MALFORMED,
    DUPLICATE_MEMBER,
    TOO_LARGE,
    TOO_DEEP,
    INVALID_UNICODE,
    // token structure and signature (verifiers)
    TOKEN_MALFORMED,
    HEADER_INVALID,
    CRITICAL_HEADER_UNSUPPORTED,
    SIGNATURE_INVALID
  }

  private final String field;
  private final Rule rule;
  private final String message;
  private final String fix;

  private Violation(String field, Rule rule, String message, String fix) {
    this.field = requireText(field, "field");
    if (rule == null) {
      throw new JwtSignerException(JwtSignerException.Reason.INVALID_ARGUMENT,
          "rule is null. Fix: name the Violation.Rule that was broken.");
    }
    this.rule = rule;
    this.message = requireText(message, "message");
    this.fix = requireText(fix, "fix");
  }

  /**
   * A violation of {@code rule} by {@code field}.
   *
   * @param field the claim ({@code "exp"}), header ({@code "header.alg"}) or part ({@code "payload"}) concerned
   * @param rule the machine-readable rule
   * @param message what is wrong, in words; must not contain the claim's value
   * @param fix what to change so the rule holds
   */
  public static Violation of(String field, Rule rule, String message, String fix) {
    return new Violation(field, rule, message, fix);
  }

  /** The claim, header ({@code header.alg}) or part ({@code payload}, {@code signature}) concerned. */
  public String field() {
    return field;
  }

  /** The machine-readable rule. */
  public Rule rule() {
    return rule;
  }

  /** What is wrong, in words. */
  public String message() {
    return message;
  }

  /** How to fix it. */
  public String fix() {
    return fix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Violation v
        && field.equals(v.field) && rule == v.rule && message.equals(v.message) && fix.equals(v.fix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, rule, message, fix);
  }

  /** {@code field [RULE]: message Fix: fix}. */
  @Override
  public String toString() {
    return field + " [" + rule + "]: " + message + " Fix: " + fix;
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new JwtSignerException(JwtSignerException.Reason.INVALID_ARGUMENT,
          what + " must not be blank. Fix: give the violation's " + what + " in words.");
    }
    return s;
  }
}
