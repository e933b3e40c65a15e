package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.Providers;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Decrypts an {@code ENCRYPTED PRIVATE KEY} (PKCS#8, RFC 5958) with Bouncy Castle. Its two decryptors cover
 * different ciphers: the OpenSSL-flavoured one knows scrypt and SM4 but not Camellia's key sizes, the PKCS
 * one knows Camellia; so both are tried. A decryptor that cannot even be set up for the scheme did not try
 * the passphrase, so only a decryptor that ran and failed makes the passphrase wrong; when none could run,
 * the message names the cipher instead.
 */
final class EncryptedPkcs8 {

  private static final String ENCRYPT_AGAIN =
      "`openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.pem -out encrypted.pem` (after decrypting it with the tool that made it)";

  /** OpenSSL's names of the PBES2 ciphers it writes, for messages. */
  private static final Map<String, String> CIPHER_NAMES = Map.ofEntries(
      Map.entry("2.16.840.1.101.3.4.1.2", "aes-128-cbc"),
      Map.entry("2.16.840.1.101.3.4.1.22", "aes-192-cbc"),
      Map.entry("2.16.840.1.101.3.4.1.42", "aes-256-cbc"),
      Map.entry("2.16.840.1.101.3.4.1.3", "aes-128-ofb"),
      Map.entry("2.16.840.1.101.3.4.1.23", "aes-192-ofb"),
      Map.entry("2.16.840.1.101.3.4.1.43", "aes-256-ofb"),
      Map.entry("1.2.392.200011.61.1.1.1.2", "camellia-128-cbc"),
      Map.entry("1.2.392.200011.61.1.1.1.3", "camellia-192-cbc"),
      Map.entry("1.2.392.200011.61.1.1.1.4", "camellia-256-cbc"),
      Map.entry("1.2.840.113549.3.7", "des-ede3-cbc"),
      Map.entry("1.3.14.3.2.7", "des-cbc"),
      Map.entry("1.2.410.200046.1.1.2", "aria-128-cbc"),
      Map.entry("1.2.410.200046.1.1.7", "aria-192-cbc"),
      Map.entry("1.2.410.200046.1.1.12", "aria-256-cbc"),
      Map.entry("1.2.156.10197.1.104.2", "sm4-cbc"));

  private EncryptedPkcs8() {}

  static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase, String origin) {
    String cipher = cipherName(encrypted.getEncryptionAlgorithm());
    String kind = "encrypted PKCS#8 with " + cipher + ", -----BEGIN ENCRYPTED PRIVATE KEY-----";
    BouncyCastlePem.requirePassphrase(passphrase, kind, origin, "openssl pkey -in key.pem -out private.pem");
    PrivateKeyInfo decrypted = decryptWith(encrypted, passphrase);
    if (decrypted != null) {
      return decrypted;
    }
    if (cipherRuns(encrypted)) {
      throw BouncyCastlePem.wrongPassphrase(kind, origin);
    }
    throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
        origin + " holds a private key encrypted with " + cipher + ", a cipher this library cannot decrypt"
            + " (the passphrase was not tried). Fix: encrypt it with a supported cipher, such as " + ENCRYPT_AGAIN + ".");
  }

  /** The key decrypted by the first decryptor that can, or null. */
  private static PrivateKeyInfo decryptWith(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
    for (InputDecryptorProvider decryptor : decryptors(passphrase)) {
      try {
        return encrypted.decryptPrivateKeyInfo(decryptor);
      } catch (Exception e) {
        // the next decryptor may know the scheme
      }
    }
    return null;
  }

  /**
   * Whether some decryptor can set up the key's scheme. Tried with a plain ASCII passphrase, so that a
   * passphrase no decryptor can encode (a lone surrogate) counts as wrong rather than making the cipher
   * look unsupported.
   */
  private static boolean cipherRuns(PKCS8EncryptedPrivateKeyInfo encrypted) {
    for (InputDecryptorProvider decryptor : decryptors("probe".toCharArray())) {
      try {
        encrypted.decryptPrivateKeyInfo(decryptor);
        return true;
      } catch (Exception e) {
        if (!couldNotStart(e)) {
          return true;
        }
      }
    }
    return false;
  }

  /** OpenSSL's name of the scheme's cipher ({@code camellia-256-cbc}), or its OID when it has none here. */
  static String cipherName(AlgorithmIdentifier scheme) {
    ASN1ObjectIdentifier oid = scheme.getAlgorithm();
    if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
      try {
        oid = PBES2Parameters.getInstance(scheme.getParameters()).getEncryptionScheme().getAlgorithm();
      } catch (RuntimeException e) {
        return "PBES2 with unreadable parameters";
      }
    }
    return CIPHER_NAMES.getOrDefault(oid.getId(), "the scheme with OID " + oid.getId());
  }

  private static List<InputDecryptorProvider> decryptors(char[] passphrase) {
    try {
      return List.of(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(passphrase),
          new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(passphrase));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("Bouncy Castle's PKCS#8 decryptors cannot be built", e);
    }
  }

  /** Whether {@code failure} happened while setting up the cipher, before any decryption with the passphrase. */
  private static boolean couldNotStart(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OperatorCreationException || t instanceof NoSuchAlgorithmException
          || t instanceof IllegalStateException) {
        return true;
      }
    }
    return false;
  }
}
