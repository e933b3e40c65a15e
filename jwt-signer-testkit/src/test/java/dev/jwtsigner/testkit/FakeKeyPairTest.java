package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import dev.jwtsigner.keys.KeySource;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FakeKeyPairTest {

  static Stream<FakeKeyPair> pairs() {
    return Stream.of(FakeKey.Type.values())
        .flatMap(type -> Stream.of(FakeKeys.of(type, 1), FakeKeys.of(type, 2)));
  }

  private static boolean isRsa(FakeKeyPair pair) {
    return pair.type() != FakeKey.Type.P521;
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void aSignatureFromTheKeySourceVerifiesWithThePublicKey(FakeKeyPair pair) {
    JwsAlgorithm alg = isRsa(pair) ? JwsAlgorithm.RS512 : JwsAlgorithm.ES512;
    String token = JoseSigner.prepare(pair.keySource().signingKey(), alg).sign("{\"sub\":\"u1\"}");
    JwsDecoder decoder = JwsDecoder.create(EnumSet.of(alg), StrictJson.create(1_000, 10));
    assertThat(decoder.decode(token, List.of(TrustedKey.of(pair.keyId(), pair.publicKey()))).signatureValid()).isTrue();
    FakeKeyPair other = FakeKeys.of(pair.type(), pair.keyId().endsWith("1") ? 2 : 1);
    assertThat(decoder.decode(token, List.of(TrustedKey.of(null, other.publicKey()))).signatureValid())
        .as("the second pair of a kind is a different key").isFalse();
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void theKeySourceCarriesTheStableKid(FakeKeyPair pair) {
    assertThat(pair.keyId()).matches("fake-" + pair.type().fileName() + "-[12]");
    assertThat(pair.keySource().signingKey().keyId()).contains(pair.keyId());
    assertThat(pair.keySource("key_1").signingKey().keyId()).contains("key_1");
    assertThat(pair.keySource().signingKey().privateKey()).isSameAs(pair.privateKey());
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void everyPrivateFormParsesBackToTheSameKey(FakeKeyPair pair) throws Exception {
    assertThat(pair.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(pair.privateKeyTraditionalPem())
        .startsWith(isRsa(pair) ? "-----BEGIN RSA PRIVATE KEY-----\n" : "-----BEGIN EC PRIVATE KEY-----\n");
    assertThat(pair.privateKeyOpenSsh()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");

    assertThat(secret(KeySource.fromPemText(pair.privateKeyPem()).signingKey().privateKey())).isEqualTo(secret(pair.privateKey()));
    assertThat(secret(KeySource.fromPemText(pair.privateKeyTraditionalPem()).signingKey().privateKey()))
        .isEqualTo(secret(pair.privateKey()));
    try (PemReader reader = new PemReader(new StringReader(pair.privateKeyOpenSsh()))) {
      AsymmetricKeyParameter ssh = OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(reader.readPemObject().getContent());
      BigInteger fromSsh = ssh instanceof RSAPrivateCrtKeyParameters rsa ? rsa.getExponent() : ((ECPrivateKeyParameters) ssh).getD();
      assertThat(fromSsh).isEqualTo(secret(pair.privateKey()));
    }
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void everyPublicFormParsesBackToTheSameKey(FakeKeyPair pair) throws Exception {
    byte[] spki = pair.publicKey().getEncoded();
    String alg = isRsa(pair) ? "RSA" : "EC";
    try (PemReader reader = new PemReader(new StringReader(pair.publicKeyPem()))) {
      PublicKey parsed = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(reader.readPemObject().getContent()));
      assertThat(parsed.getEncoded()).isEqualTo(spki);
    }
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pair.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(cert.getPublicKey().getEncoded()).isEqualTo(spki);
    cert.verify(pair.publicKey());
    assertThat(cert.getSubjectX500Principal().getName()).contains("not a real key");

    String[] line = pair.publicKeyOpenSsh().split(" ");
    assertThat(line).hasSize(3);
    assertThat(line[0]).isEqualTo(isRsa(pair) ? "ssh-rsa" : "ecdsa-sha2-nistp521");
    assertThat(line[2]).isEqualTo(pair.keyId());
    AsymmetricKeyParameter ssh = OpenSSHPublicKeyUtil.parsePublicKey(Base64.getDecoder().decode(line[1]));
    assertThat(publicNumbers(ssh)).isEqualTo(publicNumbers(pair.publicKey()));

    JWK jwk = JWK.parse(pair.jwk());
    assertThat(jwk.getKeyID()).isEqualTo(pair.keyId());
    assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    assertThat(jwk.isPrivate()).isFalse();
    assertThat(publicKey(jwk).getEncoded()).isEqualTo(spki);
    List<JWK> set = JWKSet.parse(pair.jwks()).getKeys();
    assertThat(set).hasSize(1);
    assertThat(publicKey(set.get(0)).getEncoded()).isEqualTo(spki);
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void rsaPairsAlsoHaveThePkcs1PublicKeyThatSshKeygenPrints(FakeKeyPair pair) throws Exception {
    if (!isRsa(pair)) {
      assertThat(pair.rsaPublicKeyPem()).isEmpty();
      return;
    }
    String pem = pair.rsaPublicKeyPem().orElseThrow();
    assertThat(pem).startsWith("-----BEGIN RSA PUBLIC KEY-----\n");
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      PublicKey parsed = new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
      assertThat(parsed.getEncoded()).isEqualTo(pair.publicKey().getEncoded());
    }
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void toStringShowsNoKeyMaterial(FakeKeyPair pair) {
    assertThat(pair).hasToString("FakeKeyPair[" + pair.keyId() + ", " + pair.type() + "]");
  }

  private static BigInteger secret(PrivateKey key) {
    return key instanceof RSAPrivateCrtKey rsa ? rsa.getPrivateExponent() : ((ECPrivateKey) key).getS();
  }

  private static List<BigInteger> publicNumbers(Object key) {
    if (key instanceof RSAPublicKey rsa) {
      return List.of(rsa.getModulus(), rsa.getPublicExponent());
    }
    if (key instanceof RSAKeyParameters rsa) {
      return List.of(rsa.getModulus(), rsa.getExponent());
    }
    if (key instanceof ECPublicKey ec) {
      return List.of(ec.getW().getAffineX(), ec.getW().getAffineY());
    }
    ECPublicKeyParameters ec = (ECPublicKeyParameters) key;
    return List.of(ec.getQ().getAffineXCoord().toBigInteger(), ec.getQ().getAffineYCoord().toBigInteger());
  }

  private static PublicKey publicKey(JWK jwk) throws Exception {
    return jwk instanceof com.nimbusds.jose.jwk.RSAKey rsa ? rsa.toRSAPublicKey() : jwk.toECKey().toECPublicKey();
  }

  /** {@link FakeKeys} caches its pairs; loading one again reads every file of the jar anew. */
  @ParameterizedTest
  @EnumSource(FakeKey.Type.class)
  void loadingAPairAgainReadsEveryFormOfTheSameKey(FakeKey.Type type) {
    boolean rsa = type != FakeKey.Type.P521;
    FakeKeyPair cached = FakeKeys.of(type, 2);

    FakeKeyPair loaded = FakeKeyPair.load(type, type.fileName() + "-2");

    assertThat(loaded).isNotSameAs(cached).hasToString(cached.toString());
    assertThat(loaded.privateKeyPem()).isEqualTo(cached.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(loaded.privateKeyTraditionalPem()).isEqualTo(cached.privateKeyTraditionalPem())
        .startsWith(rsa ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");
    assertThat(loaded.privateKeyOpenSsh()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(loaded.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(loaded.rsaPublicKeyPem().map(pem -> pem.startsWith("-----BEGIN RSA PUBLIC KEY-----"))).isEqualTo(
        rsa ? java.util.Optional.of(true) : java.util.Optional.empty());
    assertThat(loaded.publicKeyOpenSsh()).isEqualTo(cached.publicKeyOpenSsh()).startsWith(rsa ? "ssh-rsa " : "ecdsa-sha2-nistp521 ")
        .doesNotEndWith("\n");
    assertThat(loaded.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(loaded.publicKey()).isEqualTo(cached.publicKey());
    assertThat(loaded.publicKey().getAlgorithm()).isEqualTo(rsa ? "RSA" : "EC");
    assertThat(loaded.jwk()).isEqualTo(cached.jwk()).contains(rsa ? "\"kty\":\"RSA\"" : "\"kty\":\"EC\"");
    assertThat(loaded.privateKey()).isEqualTo(cached.privateKey());
  }

  @Test
  void aMissingKeyFileIsATypedErrorNamingTheFile() {
    assertThatThrownBy(() -> FakeKeyPair.load(FakeKey.Type.P521, "p521-3"))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_FILE_UNREADABLE))
        .hasMessage("the fake key file p521-3.pkcs8.pem is missing from the test kit. Fix: use an unmodified jwt-signer-testkit jar.");
  }
}
