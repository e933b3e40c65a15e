package dev.jwtsigner.testkit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * One fake key pair from {@link FakeKeys}, in every form the key formats support: the parsed keys, a
 * ready {@link KeySource} with a stable kid, private and public PEM texts (PKCS#8, PKCS#1 or SEC1, OpenSSH,
 * SubjectPublicKeyInfo, PKCS#1 {@code RSA PUBLIC KEY}, a self-signed certificate) and JWK / JWKS JSON.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * FakeKeyPair key = FakeKeys.rsa2048();
 * KeySource signing = key.keySource();            // kid "fake-rsa2048-1"
 * String upload = key.rsaPublicKeyPem().orElseThrow(); // what ssh-keygen -e -m PEM prints
 * String jwks = key.jwks();                        // {"keys":[{...,"kid":"fake-rsa2048-1"}]}
 * }</pre>
 *
 * <p>{@link #toString()} names the kid and key type only.
 */
public final class FakeKeyPair {

  private final FakeKey.Type type;
  private final String keyId;
  private final KeySource keySource;
  private final PublicKey publicKey;
  private final String privateKeyPem;
  private final String privateKeyTraditionalPem;
  private final String privateKeyOpenSsh;
  private final String publicKeyPem;
  private final String rsaPublicKeyPem;
  private final String publicKeyOpenSsh;
  private final String certificatePem;
  private final JWK jwk;

  private FakeKeyPair(FakeKey.Type type, String name) {
    this.type = type;
    this.keyId = "fake-" + name;
    boolean rsa = type != FakeKey.Type.P521;
    this.privateKeyPem = resource(name + ".pkcs8.pem");
    this.privateKeyTraditionalPem = resource(name + (rsa ? ".pkcs1.pem" : ".sec1.pem"));
    this.privateKeyOpenSsh = resource(name + ".openssh");
    this.publicKeyPem = resource(name + ".spki.pem");
    this.rsaPublicKeyPem = rsa ? resource(name + ".pkcs1.pub.pem") : null;
    this.publicKeyOpenSsh = resource(name + ".pub").strip();
    this.certificatePem = resource(name + ".crt.pem");
    this.keySource = KeySource.fromPemText(privateKeyPem).withKeyId(keyId);
    this.publicKey = spki(publicKeyPem, rsa ? "RSA" : "EC", name);
    this.jwk = rsa
        ? new RSAKey.Builder((RSAPublicKey) publicKey).keyUse(KeyUse.SIGNATURE).keyID(keyId).build()
        : new ECKey.Builder(Curve.P_521, (ECPublicKey) publicKey).keyUse(KeyUse.SIGNATURE).keyID(keyId).build();
  }

  static FakeKeyPair load(FakeKey.Type type, String name) {
    return new FakeKeyPair(type, name);
  }

  /** The kind of key: RSA 2048, RSA 4096 or P-521. */
  public FakeKey.Type type() {
    return type;
  }

  /** The stable default kid, such as {@code fake-rsa2048-1}: the kid of {@link #keySource()} and {@link #jwk()}. */
  public String keyId() {
    return keyId;
  }

  /** A key source for the private key, with {@link #keyId()} as its kid. Parsed once. */
  public KeySource keySource() {
    return keySource;
  }

  /** A key source for the private key with the kid {@code keyId} (for example the id a platform registered). */
  public KeySource keySource(String keyId) {
    return keySource.withKeyId(keyId);
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return keySource.signingKey().privateKey();
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey} writes it. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  /**
   * The private key in OpenSSL's traditional PEM: PKCS#1 {@code -----BEGIN RSA PRIVATE KEY-----} for RSA,
   * SEC1 {@code -----BEGIN EC PRIVATE KEY-----} for P-521.
   */
  public String privateKeyTraditionalPem() {
    return privateKeyTraditionalPem;
  }

  /** The private key as {@code -----BEGIN OPENSSH PRIVATE KEY-----}, unencrypted, as ssh-keygen writes it. */
  public String privateKeyOpenSsh() {
    return privateKeyOpenSsh;
  }

  /** The public key as SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public String publicKeyPem() {
    return publicKeyPem;
  }

  /** For RSA, the public key as PKCS#1 PEM ({@code -----BEGIN RSA PUBLIC KEY-----}, what {@code ssh-keygen -e -m PEM} prints); empty for P-521. */
  public Optional<String> rsaPublicKeyPem() {
    return Optional.ofNullable(rsaPublicKeyPem);
  }

  /** The public key as one OpenSSH line ({@code ssh-rsa AAAA... fake-rsa2048-1}), as in a {@code .pub} file. */
  public String publicKeyOpenSsh() {
    return publicKeyOpenSsh;
  }

  /** A self-signed X.509 certificate for the key, as PEM, valid until 2126. */
  public String certificatePem() {
    return certificatePem;
  }

  /** The public key as a JWK JSON object, with {@code "use":"sig"} and {@link #keyId()} as its kid. */
  public String jwk() {
    return jwk.toJSONString();
  }

  /** A JWKS JSON object ({@code {"keys":[...]}}) holding {@link #jwk()}. */
  public String jwks() {
    return new JWKSet(jwk).toString(true);
  }

  /** {@code FakeKeyPair[fake-rsa2048-1, RSA_2048]}: never key material. */
  @Override
  public String toString() {
    return "FakeKeyPair[" + keyId + ", " + type + "]";
  }

  private static String resource(String file) {
    try (InputStream in = FakeKeyPair.class.getResourceAsStream("keys/" + file)) {
      if (in == null) {
        throw new IOException("missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new JwtSignerException(Reason.KEY_FILE_UNREADABLE, "the fake key file " + file
          + " is missing from the test kit. Fix: use an unmodified jwt-signer-testkit jar.", e);
    }
  }

  private static PublicKey spki(String pem, String algorithm, String name) {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject block = reader.readPemObject();
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(block.getContent()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new JwtSignerException(Reason.PUBLIC_KEY_MALFORMED, "the fake public key " + name
          + " cannot be read. Fix: use an unmodified jwt-signer-testkit jar.", e);
    }
  }
}
