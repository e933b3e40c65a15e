package dev.jwtsigner.keys;

import dev.jwtsigner.internal.SafeText;
import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link KeySource#fromKeyStore}: the private key of one key store entry, read again after a signature with it
 * failed. A PKCS#11 token's key is a handle into a session; once the session is lost (the HSM restarted, the
 * session timed out, someone logged out) the handle is invalid for good, so the source logs in again with
 * the PIN and reads the entry anew. At most one attempt a second, on the thread that asks for the key next;
 * until one works, the old key is returned and its signatures keep failing fast with {@code SIGNING_FAILED}.
 *
 * <pre>{@code
 * KeySource hsm = KeySource.fromKeyStore(pkcs11Store, "jwt", pin); // logs in again by itself when it must
 * }</pre>
 */
final class KeyStoreKeySource implements KeySource, Publishable {

  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final KeyStore store;
  private final String alias;
  /** A copy: needed to log in to a PKCS#11 token again. Never shown. */
  private final char[] password;
  /** The public half from the entry's certificate, or null. */
  private final PublicKey certificateKey;
  private volatile SigningKey key;
  /** Set by {@link #signingFailed} for the current key: the next {@link #signingKey()} reads the entry again. */
  private volatile boolean stale;
  /** {@code System.nanoTime()} of the last attempt to read the entry again. */
  private long lastAttempt;

  KeyStoreKeySource(KeyStore store, String alias, char[] password) {
    this.key = KeyStoreKeys.read(store, alias, password); // refuses a null store or alias first
    this.store = store;
    this.alias = alias;
    this.password = password == null ? null : password.clone();
    this.certificateKey = KeyStoreKeys.certificateKey(store, alias);
  }

  @Override
  public SigningKey signingKey() {
    if (stale) {
      readAgain();
    }
    return key;
  }

  @Override
  public void signingFailed(SigningKey failed) {
    SigningKey current = key;
    if (failed != null && failed.privateKey() == current.privateKey()) {
      stale = true;
    }
  }

  private synchronized void readAgain() {
    long now = System.nanoTime();
    if (!stale || (lastAttempt != 0 && now - lastAttempt < RETRY_NANOS)) {
      return;
    }
    lastAttempt = now;
    try {
      if ("PKCS11".equalsIgnoreCase(store.getType())) {
        store.load(null, password); // logs in again; the token's handles from before are gone
      }
      key = KeyStoreKeys.read(store, alias, password);
      stale = false;
    } catch (IOException | GeneralSecurityException | RuntimeException e) { // KeyRejectedException too
      // the token is still away: keep the old key, whose signatures fail fast, and try again later
    }
  }

  @Override
  public List<Published> published() {
    SigningKey current = key;
    return List.of(new Published(current.keyId().orElse(null), current, certificateKey, KeyState.ACTIVE));
  }

  @Override
  public String toString() {
    return "KeySource.fromKeyStore(" + SafeText.of(alias) + ")[" + key + "]";
  }
}
