package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.Providers;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads private keys from PEM text with Bouncy Castle's parsers (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1,
 * legacy {@code Proc-Type: 4,ENCRYPTED}, OpenSSH, key and certificate bundles); keys are built by the JDK's
 * own factories. Only {@link PemKeys} and {@link PublicKeys} call it, and only for what the JDK alone cannot
 * read, so a plain key file never loads Bouncy Castle (whose signed jars cost hundreds of milliseconds of
 * start-up to check). Messages name the input's origin, never its content, and Bouncy Castle's exceptions
 * (which may quote input) are not kept as causes.
 */
final class BouncyCastlePem {

  private static final String OPENSSH_PRIVATE_KEY = "OPENSSH PRIVATE KEY";

  private BouncyCastlePem() {}

  /**
   * The one private key in {@code pem}, which is not blank; other blocks (certificates, {@code EC PARAMETERS}) are skipped.
   *
   * @param passphrase for an encrypted key, or {@code null}
   * @param origin names the input in messages ("PEM text", a file name); never the content
   */
  static PrivateKey readPrivateKey(String pem, char[] passphrase, String origin) {
    List<PemObject> blocks = blocks(pem, () -> garbled(origin));
    PrivateKey found = null;
    boolean sawPublic = false;
    for (PemObject block : blocks) {
      PrivateKey key;
      if (OPENSSH_PRIVATE_KEY.equals(block.getType())) {
        key = convert(OpenSshKeys.read(block.getContent(), passphrase, origin), origin);
      } else {
        Object item = parse(block, () -> garbled(origin));
        sawPublic |= item instanceof SubjectPublicKeyInfo || item instanceof X509CertificateHolder;
        key = toPrivateKey(item, passphrase, origin);
      }
      if (key != null) {
        if (found != null) {
          throw new KeyRejectedException(Reason.KEY_MALFORMED,
              origin + " holds more than one private key. Fix: keep one private key per file;"
                  + " for rotation give each its own source: RotatingKeySource.builder().key(\"key_1\", ...).key(\"key_2\", ...).");
        }
        found = key;
      }
    }
    if (found != null) {
      return found;
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

  /**
   * The PEM blocks of {@code text}; text outside blocks is ignored. An environment variable often holds
   * the newlines as the two characters {@code \n}: text with no line break has those turned into newlines.
   */
  static List<PemObject> blocks(String text, Supplier<KeyRejectedException> onGarbled) {
    List<PemObject> out = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(PemKeys.withLineBreaks(text)))) {
      PemObject block;
      while ((block = reader.readPemObject()) != null) {
        out.add(block);
      }
    } catch (IOException | RuntimeException e) {
      throw onGarbled.get();
    }
    return out;
  }

  /** One PEM block parsed by Bouncy Castle's {@link PEMParser}: a key, key pair, certificate or parameters. */
  static Object parse(PemObject block, Supplier<KeyRejectedException> onGarbled) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(block);
    } catch (IOException e) {
      throw onGarbled.get();
    }
    try (PEMParser parser = new PEMParser(new StringReader(text.toString()))) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw onGarbled.get();
    }
  }

  private static PrivateKey toPrivateKey(Object item, char[] passphrase, String origin) {
    if (item instanceof PrivateKeyInfo info) {
      return convert(info, origin);
    }
    if (item instanceof PEMKeyPair pair) {
      return convert(pair.getPrivateKeyInfo(), origin);
    }
    if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      return convert(EncryptedPkcs8.decrypt(encrypted, passphrase, origin), origin);
    }
    if (item instanceof PEMEncryptedKeyPair encrypted) {
      String kind = "legacy PEM encryption, Proc-Type: 4,ENCRYPTED";
      requirePassphrase(passphrase, kind, origin, "openssl pkey -in key.pem -out private.pem");
      PrivateKeyInfo decrypted;
      try {
        decrypted = encrypted.decryptKeyPair(
            new JcePEMDecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(passphrase)).getPrivateKeyInfo();
      } catch (IOException | RuntimeException e) {
        throw wrongPassphrase(kind, origin);
      }
      return convert(decrypted, origin);
    }
    return null;
  }

  private static PrivateKey convert(PrivateKeyInfo original, String origin) {
    PrivateKeyInfo info = ExplicitCurves.named(original, origin);
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          origin + " holds a private key of an algorithm this JDK cannot load (OID "
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + "). Fix: " + KeyChecks.MAKE_RSA
              + ", or " + KeyChecks.MAKE_P521 + ".");
    }
  }

  static void requirePassphrase(char[] passphrase, String kind, String origin, String decryptCommand) {
    if (passphrase == null) {
      throw new KeyRejectedException(Reason.KEY_PASSPHRASE_REQUIRED,
          origin + " holds an encrypted private key (" + kind + ") and no passphrase was given."
              + " Fix: pass the passphrase, as in KeySource.fromPem(path, passphrase), or write an unencrypted copy"
              + " with `" + decryptCommand + "` and keep it in a secret store.");
    }
  }

  static KeyRejectedException wrongPassphrase(String kind, String origin) {
    return new KeyRejectedException(Reason.KEY_PASSPHRASE_WRONG,
        origin + " holds an encrypted private key (" + kind + ") that the given passphrase does not decrypt."
            + " Fix: pass the passphrase the key was encrypted with (look for a stray trailing newline or space).");
  }

  static KeyRejectedException garbled(String origin) {
    return new KeyRejectedException(Reason.KEY_MALFORMED,
        origin + " holds a garbled or truncated PEM block."
            + " Fix: copy the whole key file, from -----BEGIN to -----END, or " + KeyChecks.MAKE_RSA + ".");
  }
}
