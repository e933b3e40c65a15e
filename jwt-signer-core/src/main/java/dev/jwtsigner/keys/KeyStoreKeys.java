package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.SafeText;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.TreeSet;

/** Takes a signing key out of a loaded JCA key store: PKCS#12, JKS, or a PKCS#11 token (an HSM). */
final class KeyStoreKeys {

  private KeyStoreKeys() {}

  /**
   * The private key under {@code alias}. A key the store's provider must use itself (any PKCS#11 key, or a
   * key that cannot be exported) is bound to that provider, so signing happens inside the token.
   */
  static SigningKey read(KeyStore store, String alias, char[] password) {
    if (store == null || alias == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          (store == null ? "keyStore" : "alias") + " is null. Fix: pass a loaded KeyStore and the alias of its private key entry.");
    }
    String origin = "key store " + store.getType() + " entry \"" + SafeText.of(alias) + "\"";
    Key key;
    Certificate certificate;
    try {
      if (!store.containsAlias(alias)) {
        throw new KeyRejectedException(Reason.KEY_STORE_ENTRY_UNUSABLE,
            origin + " does not exist; the key store's aliases are " + SafeText.of(new TreeSet<>(Collections.list(store.aliases())))
                + ". Fix: pass one of those aliases (list them with `keytool -list -keystore <file>`).");
      }
      key = store.getKey(alias, password);
      certificate = store.getCertificate(alias);
    } catch (KeyStoreException e) {
      throw new KeyRejectedException(Reason.KEY_STORE_ENTRY_UNUSABLE,
          "key store " + store.getType() + " is not loaded. Fix: call keyStore.load(stream, password) before"
              + " KeySource.fromKeyStore.", e);
    } catch (UnrecoverableKeyException e) {
      throw new KeyRejectedException(Reason.KEY_PASSPHRASE_WRONG,
          origin + " cannot be recovered with the given password. Fix: pass the key's password"
              + " (for PKCS#12 usually the store password).");
    } catch (NoSuchAlgorithmException e) {
      throw new KeyRejectedException(Reason.KEY_STORE_ENTRY_UNUSABLE,
          origin + " is protected by an algorithm this JDK lacks. Fix: re-export the key store with"
              + " `openssl pkcs12 -export -inkey private.pem -in cert.pem -out keys.p12`.", e);
    }
    if (key == null) {
      throw new KeyRejectedException(Reason.KEY_NOT_PRIVATE,
          origin + " holds only a certificate; signing needs a private key entry. Fix: import the private key"
              + " with its certificate, such as with `openssl pkcs12 -export -inkey private.pem -in cert.pem -out keys.p12`.");
    }
    if (!(key instanceof PrivateKey privateKey)) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          origin + " holds a secret (symmetric) " + key.getAlgorithm() + " key; RS256, RS512 and ES512 sign with a"
              + " private key. Fix: " + KeyChecks.MAKE_RSA + ", and import it with its certificate.");
    }
    KeyChecks.requireUsable(privateKey);
    if (certificate != null) {
      // a key inside an HSM may hide its size or curve; its certificate's public key shows them
      KeyChecks.requireSupported(certificate.getPublicKey());
    }
    SigningKey signingKey = SigningKey.of(privateKey);
    boolean bound = "PKCS11".equalsIgnoreCase(store.getType()) || privateKey.getEncoded() == null;
    return bound ? signingKey.withProvider(store.getProvider()) : signingKey;
  }

  /** The public key of the certificate under {@code alias} (what a JWKS publishes for an HSM key), or null. */
  static PublicKey certificateKey(KeyStore store, String alias) {
    try {
      Certificate certificate = store.getCertificate(alias);
      return certificate == null ? null : certificate.getPublicKey();
    } catch (KeyStoreException e) {
      return null; // read() has already refused a store that is not loaded
    }
  }
}
