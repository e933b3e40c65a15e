package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.Providers;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
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
  private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

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
        key = openSsh(block.getContent(), passphrase, origin);
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
      String kind = "encrypted PKCS#8, -----BEGIN ENCRYPTED PRIVATE KEY-----";
      requirePassphrase(passphrase, kind, origin, "openssl pkey -in key.pem -out private.pem");
      try {
        return convert(encrypted.decryptPrivateKeyInfo(
            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(passphrase)), origin);
      } catch (PKCSException | OperatorCreationException | RuntimeException e) {
        throw wrongPassphrase(kind, origin);
      }
    }
    if (item instanceof PEMEncryptedKeyPair encrypted) {
      String kind = "legacy PEM encryption, Proc-Type: 4,ENCRYPTED";
      requirePassphrase(passphrase, kind, origin, "openssl pkey -in key.pem -out private.pem");
      try {
        return convert(encrypted.decryptKeyPair(
            new JcePEMDecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(passphrase)).getPrivateKeyInfo(), origin);
      } catch (IOException | RuntimeException e) {
        throw wrongPassphrase(kind, origin);
      }
    }
    return null;
  }

  private static PrivateKey openSsh(byte[] blob, char[] passphrase, String origin) {
    String cipher = openSshCipher(blob);
    if (cipher == null) {
      throw garbled(origin);
    }
    boolean encrypted = !"none".equals(cipher);
    String kind = "OpenSSH format, encrypted with " + cipher;
    if (encrypted) {
      requirePassphrase(passphrase, kind, origin, "ssh-keygen -p -N \"\" -m PEM -f key");
    }
    byte[] secret = encrypted ? utf8(passphrase) : null;
    try {
      return convert(PrivateKeyInfoFactory.createPrivateKeyInfo(encrypted
          ? OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob, secret)
          : OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob)), origin);
    } catch (IOException | RuntimeException e) {
      throw encrypted ? wrongPassphrase(kind, origin) : garbled(origin);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  /** The cipher name in an {@code openssh-key-v1} blob's header ({@code none} when unencrypted), or null. */
  private static String openSshCipher(byte[] blob) {
    if (blob.length < OPENSSH_MAGIC.length + 4
        || !Arrays.equals(Arrays.copyOf(blob, OPENSSH_MAGIC.length), OPENSSH_MAGIC)) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(blob, OPENSSH_MAGIC.length, blob.length - OPENSSH_MAGIC.length);
    int length = buffer.getInt();
    if (length < 1 || length > 64 || length > buffer.remaining()) {
      return null;
    }
    byte[] name = new byte[length];
    buffer.get(name);
    return new String(name, StandardCharsets.US_ASCII);
  }

  private static PrivateKey convert(PrivateKeyInfo info, String origin) {
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          origin + " holds a private key of an algorithm this JDK cannot load (OID "
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + "). Fix: " + KeyChecks.MAKE_RSA
              + ", or " + KeyChecks.MAKE_P521 + ".");
    }
  }

  private static void requirePassphrase(char[] passphrase, String kind, String origin, String decryptCommand) {
    if (passphrase == null) {
      throw new KeyRejectedException(Reason.KEY_PASSPHRASE_REQUIRED,
          origin + " holds an encrypted private key (" + kind + ") and no passphrase was given."
              + " Fix: pass the passphrase, as in KeySource.fromPem(path, passphrase), or write an unencrypted copy"
              + " with `" + decryptCommand + "` and keep it in a secret store.");
    }
  }

  private static KeyRejectedException wrongPassphrase(String kind, String origin) {
    return new KeyRejectedException(Reason.KEY_PASSPHRASE_WRONG,
        origin + " holds an encrypted private key (" + kind + ") that the given passphrase does not decrypt."
            + " Fix: pass the passphrase the key was encrypted with (look for a stray trailing newline or space).");
  }

  private static KeyRejectedException garbled(String origin) {
    return new KeyRejectedException(Reason.KEY_MALFORMED,
        origin + " holds a garbled or truncated PEM block."
            + " Fix: copy the whole key file, from -----BEGIN to -----END, or " + KeyChecks.MAKE_RSA + ".");
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return out;
  }
}
