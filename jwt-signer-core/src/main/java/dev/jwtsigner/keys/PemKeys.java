package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads private keys from PEM text with Bouncy Castle's parser; keys are built by the JDK's own factories. */
final class PemKeys {

  private PemKeys() {}

  /**
   * The one private key in {@code pem}.
   *
   * @param passphrase for an encrypted key, or {@code null}
   * @param origin names the input in messages ("PEM text", a file name); never the content
   */
  static PrivateKey readPrivateKey(String pem, char[] passphrase, String origin) {
    if (pem == null || pem.isBlank()) {
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          origin + " is " + (pem == null ? "null" : "empty") + "; expected a PEM private key"
              + " (-----BEGIN PRIVATE KEY-----). Fix: pass the contents of the key file, " + KeyChecks.MAKE_RSA + ".");
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    boolean sawPublic = false;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (item instanceof SubjectPublicKeyInfo || item instanceof X509CertificateHolder) {
          sawPublic = true;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle's messages may quote the input: keep only the type
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          origin + " holds a garbled or truncated PEM block (" + e.getClass().getSimpleName() + ")."
              + " Fix: copy the whole key file, from -----BEGIN to -----END, or " + KeyChecks.MAKE_RSA + ".");
    }
    if (sawPublic) {
      throw new KeyRejectedException(Reason.KEY_NOT_PRIVATE,
          origin + " holds only a public key or certificate; signing needs the private key."
              + " Fix: pass the private key file (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----),"
              + " and upload the public one to the platform.");
    }
    throw new KeyRejectedException(Reason.KEY_MALFORMED,
        origin + " holds no PEM private key block. Fix: pass the contents of the key file"
            + " (-----BEGIN PRIVATE KEY-----), " + KeyChecks.MAKE_RSA + ".");
  }
}
