package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Makes a key pair for RS256, RS512 or ES512 and writes it in the forms the platforms take: the private
 * key as PKCS#8 PEM, the public key as SPKI PEM, as PKCS#1 {@code RSA PUBLIC KEY} PEM (RSA only), as a JWK
 * whose kid is its RFC 7638 thumbprint, and as a JWKS.
 *
 * <pre>{@code
 * KeyPair pair = KeyPairs.generate(JwsAlgorithm.RS256);              // RSA 2048 (RS512: 4096; ES512: P-521)
 * List<Path> written = KeyPairs.writeFiles(pair, Path.of("keys-out")); // private.pem (rw-------), public.pem, ...
 * String jwks = KeyPairs.jwks(pair.getPublic());
 * KeySource keys = KeySource.fromPem(Path.of("keys-out", KeyPairs.PRIVATE_KEY_FILE));
 * }</pre>
 *
 * <p>From a checkout, the same as a command: {@code ./mvnw -q -pl jwt-signer-core compile exec:java
 * -Dexec.args="--alg RS256 --out keys-out"}.
 */
public final class KeyPairs {

  /** The private key file {@link #writeFiles(KeyPair, Path)} writes: PKCS#8 PEM, owner read/write only. */
  public static final String PRIVATE_KEY_FILE = "private.pem";
  /** The SPKI public key PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public static final String PUBLIC_KEY_FILE = "public.pem";
  /** The PKCS#1 public key PEM ({@code -----BEGIN RSA PUBLIC KEY-----}), RSA only. */
  public static final String RSA_PUBLIC_KEY_FILE = "public-rsa.pem";
  /** The public JWK, with its thumbprint as kid. */
  public static final String JWK_FILE = "public.jwk.json";
  /** A JWKS holding the public JWK. */
  public static final String JWKS_FILE = "jwks.json";

  static final int MAX_RSA_BITS = 16_384;

  private KeyPairs() {}

  /**
   * A new key pair for {@code algorithm}: RSA 2048 bits for RS256, RSA 4096 bits for RS512, EC P-521 for ES512.
   */
  public static KeyPair generate(JwsAlgorithm algorithm) {
    return generate(algorithm, defaultBits(algorithm));
  }

  /**
   * A new key pair for {@code algorithm} with an RSA modulus of {@code rsaBits} (2048 to 16384); for ES512 the
   * size must be 521.
   *
   * @throws KeyRejectedException with {@code KEY_TOO_SHORT} below 2048 bits, {@code INVALID_ARGUMENT} for
   *     another wrong size
   */
  public static KeyPair generate(JwsAlgorithm algorithm, int rsaBits) {
    if (algorithm == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, "algorithm is null. Fix: pass RS256, RS512 or ES512.");
    }
    try {
      if (algorithm == JwsAlgorithm.ES512) {
        if (rsaBits != KeyChecks.P521_FIELD_BITS) {
          throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
              "ES512 keys are on P-521; a size of " + rsaBits + " bits does not apply. Fix: pass no size, or 521.");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        return generator.generateKeyPair();
      }
      if (rsaBits < KeyChecks.MIN_RSA_BITS) {
        throw new KeyRejectedException(Reason.KEY_TOO_SHORT,
            "an RSA key of " + rsaBits + " bits is too short; at least " + KeyChecks.MIN_RSA_BITS
                + " are required (RFC 7518 section 3.3). Fix: pass 2048, 3072 or 4096.");
      }
      if (rsaBits > MAX_RSA_BITS) {
        throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
            "an RSA key of " + rsaBits + " bits is larger than " + MAX_RSA_BITS + ". Fix: pass 2048, 3072 or 4096.");
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(rsaBits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          "this JDK cannot generate " + algorithm + " keys (" + e.getClass().getSimpleName() + "). Fix: use a full JDK 17 or newer.", e);
    }
  }

  /** {@code key} as PKCS#8 {@code PRIVATE KEY} PEM. */
  public static String privateKeyPem(PrivateKey key) {
    return pem("PRIVATE KEY", encoded(key, "private key"));
  }

  /** {@code key} as SPKI {@code PUBLIC KEY} PEM. */
  public static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", encoded(key, "public key"));
  }

  /**
   * An RSA public key as PKCS#1 {@code RSA PUBLIC KEY} PEM, the form {@code ssh-keygen -e -m PEM} prints.
   *
   * @throws KeyRejectedException with {@code INVALID_ARGUMENT} for a key that is not RSA
   */
  public static String rsaPublicKeyPem(PublicKey key) {
    if (!(key instanceof RSAPublicKey)) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "an RSA PUBLIC KEY block holds only RSA keys, not " + (key == null ? "null" : KeyChecks.typeName(key))
              + ". Fix: write an EC key with KeyPairs.publicKeyPem.");
    }
    try {
      byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(key.getEncoded()).parsePublicKey().getEncoded();
      return pem("RSA PUBLIC KEY", pkcs1);
    } catch (IOException e) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
          "the RSA public key cannot be encoded as PKCS#1 (" + e.getClass().getSimpleName() + "). Fix: use publicKeyPem.");
    }
  }

  /** An RSA or EC public key as a JWK ({@code use: sig}) whose kid is its RFC 7638 thumbprint. */
  public static String jwk(PublicKey key) {
    return PublicKeys.toJwk(key, true).toJSONString();
  }

  /** A JWKS of RSA or EC public keys, each with its RFC 7638 thumbprint as kid. */
  public static String jwks(PublicKey... keys) {
    List<JWK> jwks = new ArrayList<>();
    for (PublicKey key : keys) {
      jwks.add(PublicKeys.toJwk(key, true));
    }
    return new JWKSet(jwks).toString();
  }

  /**
   * Writes {@code pair} into {@code folder} (created if missing): {@value #PRIVATE_KEY_FILE} (readable and
   * writable by the owner only, where the file system has POSIX permissions), {@value #PUBLIC_KEY_FILE},
   * {@value #RSA_PUBLIC_KEY_FILE} (RSA only), {@value #JWK_FILE} and {@value #JWKS_FILE}. Never overwrites
   * a private key.
   *
   * @return the files written, private key first
   * @throws KeyRejectedException with {@code KEY_EXPORT_FAILED} if the folder already holds a private key or
   *     a file cannot be written
   */
  public static List<Path> writeFiles(KeyPair pair, Path folder) {
    if (pair == null || folder == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          (pair == null ? "pair" : "folder") + " is null. Fix: pass a KeyPair from KeyPairs.generate and a folder.");
    }
    PublicKey publicKey = pair.getPublic();
    String privatePem = privateKeyPem(pair.getPrivate());
    Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      createOwnerOnly(privateFile);
      Files.writeString(privateFile, privatePem, StandardOpenOption.TRUNCATE_EXISTING);
      written.add(privateFile);
      written.add(write(folder.resolve(PUBLIC_KEY_FILE), publicKeyPem(publicKey)));
      if (publicKey instanceof RSAPublicKey) {
        written.add(write(folder.resolve(RSA_PUBLIC_KEY_FILE), rsaPublicKeyPem(publicKey)));
      }
      written.add(write(folder.resolve(JWK_FILE), jwk(publicKey) + "\n"));
      written.add(write(folder.resolve(JWKS_FILE), jwks(publicKey) + "\n"));
      return List.copyOf(written);
    } catch (FileAlreadyExistsException e) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
          privateFile + " already exists; a private key is never overwritten. Fix: pick another folder, or move the"
              + " old key away first if you really mean to replace it.");
    } catch (IOException e) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
          "writing key files into " + folder + " failed (" + e.getClass().getSimpleName() + " after " + written.size()
              + " files). Fix: check that the folder is writable.", e);
    }
  }

  /** 2048 bits for RS256, 4096 for RS512, 521 (P-521) for ES512. */
  static int defaultBits(JwsAlgorithm algorithm) {
    if (algorithm == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, "algorithm is null. Fix: pass RS256, RS512 or ES512.");
    }
    switch (algorithm) {
      case RS512:
        return 4096;
      case ES512:
        return KeyChecks.P521_FIELD_BITS;
      default:
        return KeyChecks.MIN_RSA_BITS;
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      Files.createFile(file, ownerOnly);
    } else {
      Files.createFile(file);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }

  private static byte[] encoded(Key key, String what) {
    byte[] encoded = key == null ? null : key.getEncoded();
    if (encoded == null) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
          "the " + what + " " + (key == null ? "is null" : "cannot be exported (it lives in an HSM or key store that keeps it)")
              + ". Fix: export keys that were made in software, such as with KeyPairs.generate.");
    }
    return encoded;
  }

  private static String pem(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED, "writing the " + type + " PEM block failed. Fix: retry.");
    } finally {
      if ("PRIVATE KEY".equals(type)) {
        Arrays.fill(der, (byte) 0);
      }
    }
    return text.toString();
  }
}
