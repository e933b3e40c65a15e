package dev.jwtsigner.keys;

import dev.jwtsigner.internal.SafeText;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;

/**
 * Where a builder gets the key it signs with. Sources parse and check their key once, when they are
 * created, so a misconfigured service fails at start-up; {@link #signingKey()} is then cheap and never
 * touches PEM.
 *
 * <pre>{@code
 * KeySource keys = KeySource.fromPem(Path.of("jwtRS512.key"));                  // any supported PEM file
 * KeySource enc  = KeySource.fromPem(Path.of("key.pem"), "pass".toCharArray());  // encrypted PEM
 * KeySource env  = KeySource.fromEnvironment("JWT_PRIVATE_KEY");                // PEM text in a variable
 * KeySource hsm  = KeySource.fromKeyStore(pkcs11Store, "jwt", pin);              // PKCS#12, PKCS#11 (HSM)
 * KeySource raw  = KeySource.of(privateKey).withKeyId("key-2");
 * SigningKey k   = keys.signingKey();
 * }</pre>
 *
 * <p>Accepted PEM: PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}
 * (with or without an {@code EC PARAMETERS} block), encrypted PKCS#8 {@code ENCRYPTED PRIVATE KEY}, legacy
 * {@code Proc-Type: 4,ENCRYPTED} PEM, OpenSSH {@code OPENSSH PRIVATE KEY} (encrypted or not), and any of
 * these in a bundle with certificates; EC keys with explicit P-521 parameters too. The key must be RSA
 * (not RSA-PSS) of at least 2048 bits or EC on P-521. PuTTY {@code .ppk} and ssh.com files are refused with
 * the {@code puttygen} command that converts them; {@code docs/keys.md} lists every tool's output.
 *
 * <p>Implementations must be thread-safe and must return a key and kid that belong together.
 */
@FunctionalInterface
public interface KeySource {

  /** The key to sign the next token with, with its kid. Never {@code null}. */
  SigningKey signingKey();

  /**
   * This source with {@code keyId} as the kid of every key it returns.
   *
   * @throws dev.jwtsigner.KeyRejectedException with {@code KEY_ID_INVALID} if {@code keyId} is blank
   */
  default KeySource withKeyId(String keyId) {
    return new KeyIdSource(this, keyId);
  }

  /**
   * Told by the builders that signing with {@code key}, which this source returned, failed with
   * {@code SIGNING_FAILED} (the token was not signed, and the caller got the exception). A source that can
   * fetch its key again does so for the next {@link #signingKey()}: {@link #fromKeyStore} logs in to a
   * PKCS#11 token again and re-reads its entry, since a lost session (an HSM restart, a session time-out)
   * leaves the old key handle invalid for good. Sources that wrap others pass it on. Does nothing by default.
   */
  default void signingFailed(SigningKey key) {}

  /**
   * A source for a JCA private key: RSA of at least 2048 bits, or EC on P-521.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the key cannot serve
   */
  static KeySource of(PrivateKey privateKey) {
    return new FixedKeySource(SigningKey.of(privateKey), "KeySource.of");
  }

  /**
   * A source for PEM text, as held in a secret store. Text with no line break has the two characters
   * {@code \n} read as line breaks (as some environment files write them).
   *
   * @throws dev.jwtsigner.KeyRejectedException if the text holds no usable private key
   */
  static KeySource fromPemText(String pem) {
    return fromPemText(pem, null);
  }

  /**
   * A source for PEM text holding an encrypted key ({@code ENCRYPTED PRIVATE KEY}, {@code Proc-Type:
   * 4,ENCRYPTED} or an encrypted OpenSSH key). An unencrypted key loads too; the passphrase is then unused.
   *
   * @param passphrase the key's passphrase, or {@code null}; not kept
   * @throws dev.jwtsigner.KeyRejectedException if the text holds no usable private key, or the passphrase is wrong
   */
  static KeySource fromPemText(String pem, char[] passphrase) {
    return new FixedKeySource(SigningKey.of(PemKeys.readPrivateKey(pem, passphrase, "PEM text")), "KeySource.fromPemText");
  }

  /**
   * A source for a PEM key file, read once now.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the file is missing or unreadable, or holds no usable private key
   */
  static KeySource fromPem(Path file) {
    return fromPem(file, null);
  }

  /**
   * A source for an encrypted PEM key file, read and decrypted once now.
   *
   * @param passphrase the key's passphrase, or {@code null}; not kept
   * @throws dev.jwtsigner.KeyRejectedException if the file is missing or unreadable, the passphrase is
   *     missing or wrong, or the file holds no usable private key
   */
  static KeySource fromPem(Path file, char[] passphrase) {
    String text = PemKeys.readFile(file);
    return new FixedKeySource(SigningKey.of(PemKeys.readPrivateKey(text, passphrase, "key file " + SafeText.of(file))),
        "KeySource.fromPem(" + SafeText.of(file) + ")");
  }

  /**
   * A source for the PEM text in environment variable {@code variable}, read once now.
   *
   * @throws dev.jwtsigner.KeyRejectedException with {@code KEY_ENVIRONMENT_VARIABLE_MISSING} if it is not
   *     set or empty, or as {@link #fromPemText(String)}
   */
  static KeySource fromEnvironment(String variable) {
    return FixedKeySource.fromEnvironment(variable, System::getenv);
  }

  /**
   * A source for the private key under {@code alias} in a loaded key store. A key in a PKCS#11 token (an
   * HSM, loaded with {@code KeyStore.getInstance("PKCS11", provider)}) is bound to the store's provider, so
   * it signs inside the token; its size or curve is checked on the entry's certificate.
   *
   * <pre>{@code
   * Provider p11 = Security.getProvider("SunPKCS11").configure("--name=hsm\nlibrary=/usr/lib/softhsm/libsofthsm2.so\nslotListIndex=0");
   * KeyStore store = KeyStore.getInstance("PKCS11", p11);
   * store.load(null, pin);
   * KeySource keys = KeySource.fromKeyStore(store, "jwt", pin);
   * }</pre>
   *
   * <p>After signing with the key fails ({@link #signingFailed}), the next {@link #signingKey()} reads the
   * entry again, first logging in again to a PKCS#11 token with {@code password} (its PIN), at most once a
   * second; until that works, it returns the old key, whose signatures fail fast with {@code SIGNING_FAILED}.
   * So a copy of {@code password} is kept in memory for as long as the source lives.
   *
   * @param password the key's password (for PKCS#12 usually the store's; for PKCS#11 the token's PIN)
   * @throws dev.jwtsigner.KeyRejectedException if the store is not loaded, has no private key under
   *     {@code alias}, the password is wrong, or the key cannot serve
   */
  static KeySource fromKeyStore(KeyStore keyStore, String alias, char[] password) {
    return new KeyStoreKeySource(keyStore, alias, password);
  }

  /**
   * A source that re-reads {@code file} when it changes on disk, checking at most every 10 seconds; see
   * {@link ReloadingKeySource}.
   *
   * @throws dev.jwtsigner.KeyRejectedException if the file cannot serve now
   */
  static ReloadingKeySource watching(Path file) {
    return ReloadingKeySource.builder(file).build();
  }
}
