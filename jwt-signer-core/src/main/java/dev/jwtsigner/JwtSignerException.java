package dev.jwtsigner;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one exception type jwt-signer throws: a machine-readable {@link Reason}, a message that names the
 * problem and its fix, and, when a builder refuses to sign, every broken rule in {@link #violations()}.
 *
 * <p>Unchecked, so a misconfigured service fails at start-up and a server can map the reason to an
 * HTTP status without parsing text. Messages never contain key material, passphrases or claim values.
 *
 * <pre>{@code
 * try {
 *   return AtomicTokenBuilder.create(keys).subject(userId).sign();
 * } catch (JwtSignerException e) {
 *   if (e.reason() == JwtSignerException.Reason.TOKEN_REJECTED) {
 *     e.violations().forEach(v -> log.warn("{}", v));
 *   }
 *   throw e;
 * }
 * }</pre>
 */
public class JwtSignerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an operation was refused. */
  public enum Reason {
    // --- loading a private key (KeyRejectedException) ---
    /** The key file does not exist or cannot be read. */
    KEY_FILE_UNREADABLE,
    /** The environment variable that should hold the key is not set or empty. */
    KEY_ENVIRONMENT_VARIABLE_MISSING,
    /** The input holds no PEM block, or a block that is garbled or truncated. */
    KEY_MALFORMED,
    /** The key is encrypted and no passphrase was given. */
    KEY_PASSPHRASE_REQUIRED,
    /** The passphrase does not decrypt the key. */
    KEY_PASSPHRASE_WRONG,
    /** An RSA key shorter than 2048 bits. */
    KEY_TOO_SHORT,
    /** An EC key on a curve other than P-521. */
    KEY_CURVE_UNSUPPORTED,
    /** A key type no supported algorithm signs with (Ed25519, DSA, ...). */
    KEY_TYPE_UNSUPPORTED,
    /** A public key or certificate where a private key is needed. */
    KEY_NOT_PRIVATE,
    /** The key store has no private key under the alias, or cannot be read. */
    KEY_STORE_ENTRY_UNUSABLE,
    /** A key id that is blank, or unknown to a rotating source. */
    KEY_ID_INVALID,
    /** A key format only Bouncy Castle reads, and bcpkix/bcprov are not on the class path. */
    KEY_FORMAT_NEEDS_BOUNCY_CASTLE,

    // --- public keys ---
    /** Public-key text in no supported form, or garbled. */
    PUBLIC_KEY_MALFORMED,
    /** A JWKS or bundle with several keys where exactly one was expected. */
    PUBLIC_KEY_AMBIGUOUS,

    // --- key generation and export ---
    /** Writing key files failed. */
    KEY_EXPORT_FAILED,

    // --- building and signing ---
    /** A builder refused to sign: see {@link JwtSignerException#violations()}. */
    TOKEN_REJECTED,
    /** A signed payload was refused (not one JSON object, too large, too deep...): see violations. */
    PAYLOAD_REJECTED,
    /** The JCA provider, HSM or remote signer (KMS) failed while signing. */
    SIGNING_FAILED,

    // --- configuration and verification ---
    /** A setting is out of range (a negative duration, a third Apto key, a null argument...). */
    INVALID_ARGUMENT,
    /** The test kit's verifier rejected a token: see violations. */
    TOKEN_NOT_ACCEPTED
  }

  private final Reason reason;
  private final List<Violation> violations;

  /** An exception for {@code reason} with no violations. */
  public JwtSignerException(Reason reason, String message) {
    this(reason, message, List.of(), null);
  }

  /** An exception for {@code reason} caused by {@code cause}. The cause's message must not hold secrets. */
  public JwtSignerException(Reason reason, String message, Throwable cause) {
    this(reason, message, List.of(), cause);
  }

  /** An exception listing the rules a token or payload broke. */
  public JwtSignerException(Reason reason, String message, List<Violation> violations) {
    this(reason, message, violations, null);
  }

  protected JwtSignerException(Reason reason, String message, List<Violation> violations, Throwable cause) {
    super(describe(message, violations), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.violations = List.copyOf(violations);
  }

  /** The machine-readable reason. */
  public Reason reason() {
    return reason;
  }

  /** Every broken rule, in the order checked; empty when the reason is not about rules. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(String message, List<Violation> violations) {
    if (violations.isEmpty()) {
      return message;
    }
    return message + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
  }
}
