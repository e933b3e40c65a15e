package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.JoseSigner;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.AuthProvider;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys that live in an HSM: a SoftHSM2 token made at test time, keys generated inside it with pkcs11-tool,
 * loaded through the JDK's SunPKCS11 provider, signing inside the token.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the JVM's environment; the core pom sets it for surefire, and
 * this test writes that file. Skips when softhsm2 is not installed, except on CI ({@code CI=true}).
 */
class KeyStoreKeysTest {

  static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  static final String PIN = "1234";

  @TempDir
  static Path tokens;

  static Provider pkcs11;
  static KeyStore store;

  @BeforeAll
  static void makeTokenWithKeysInside() throws Exception {
    ExternalTools.require("softhsm2-util", "pkcs11-tool");
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || !Files.isReadable(Path.of(LIBRARY))) {
      String why = conf == null
          ? "SOFTHSM2_CONF is not set in this JVM's environment (run the test with Maven, which sets it)"
          : LIBRARY + " is missing (apt-get install -y softhsm2)";
      if (ExternalTools.onCi()) {
        fail(why + "; CI=true, so this test must not be skipped");
      }
      Assumptions.abort(why);
    }
    Path confFile = Path.of(conf);
    Files.createDirectories(confFile.getParent());
    Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");

    run(tokens, "softhsm2-util", "--init-token", "--free", "--label", "jwt-signer-test", "--pin", PIN, "--so-pin", "5678");
    KeyPair issuer = KeyPairs.generate(JwsAlgorithm.RS256);
    for (String[] key : new String[][] {{"01", "rsa", "rsa:2048"}, {"02", "ec", "EC:secp521r1"}}) {
      String id = key[0];
      String label = key[1];
      pkcs11Tool("--login", "--pin", PIN, "--keypairgen", "--key-type", key[2], "--id", id, "--label", label);
      pkcs11Tool("--read-object", "--type", "pubkey", "--id", id, "-o", label + ".pub.der");
      PublicKey inToken = PublicKeys.parse(KeyPairs.publicKeyPem(spki(Files.readAllBytes(tokens.resolve(label + ".pub.der")))));
      Files.writeString(tokens.resolve(label + ".pub.pem"), KeyPairs.publicKeyPem(inToken));
      // a key store entry needs a certificate with the same id: any certificate for the token's public key will do
      Files.write(tokens.resolve(label + ".crt.der"), certificate(inToken, issuer));
      pkcs11Tool("--login", "--pin", PIN, "--write-object", label + ".crt.der", "--type", "cert", "--id", id, "--label", label);
    }

    pkcs11 = Security.getProvider("SunPKCS11").configure("--name=jwtsigner-softhsm\nlibrary=" + LIBRARY + "\nslotListIndex=0");
    store = KeyStore.getInstance("PKCS11", pkcs11);
    store.load(null, PIN.toCharArray());
  }

  @ParameterizedTest
  @CsvSource({"rsa, RS256", "rsa, RS512", "ec, ES512"})
  void signsInsideTheHsmAndTheTokensPublicKeyVerifies(String alias, JwsAlgorithm alg) throws Exception {
    SigningKey key = KeySource.fromKeyStore(store, alias, PIN.toCharArray()).withKeyId("hsm-" + alias).signingKey();
    assertThat(key.provider()).containsSame(pkcs11);
    assertThat(key.privateKey().getEncoded()).as("the private key never leaves the token").isNull();
    assertThat(key.toString()).contains("kid=hsm-" + alias, "provider=SunPKCS11-jwtsigner-softhsm");

    String jws = JoseSigner.prepare(key, alg).sign("{\"sub\":\"u1\"}");

    PublicKey publicKey = PublicKeys.parse(Files.readString(tokens.resolve(alias + ".pub.pem")));
    assertThat(PemKeysTest.verifies(jws, alg, publicKey)).isTrue();
  }

  /**
   * The remote-signer path with a real token standing in for a KMS: the RemoteSigner signs inside SoftHSM,
   * ES512 over the digest with raw ECDSA ({@code NONEwithECDSA}: DER out, as AWS KMS answers), RSA over the
   * message; the builder turns the DER into r‖s and checks it with the token's public key.
   */
  @ParameterizedTest
  @CsvSource({"rsa, RS256", "rsa, RS512", "ec, ES512"})
  void aRemoteSignerBackedByTheHsmSignsTokensTheTokensPublicKeyVerifies(String alias, JwsAlgorithm alg) throws Exception {
    java.security.PrivateKey inToken = (java.security.PrivateKey) store.getKey(alias, PIN.toCharArray());
    PublicKey publicKey = PublicKeys.parse(Files.readString(tokens.resolve(alias + ".pub.pem")));
    RemoteSigner hsm = request -> {
      boolean ec = request.algorithm() == JwsAlgorithm.ES512;
      java.security.Signature s = java.security.Signature.getInstance(ec ? "NONEwithECDSA" : request.algorithm().jcaName(), pkcs11);
      s.initSign(inToken);
      s.update(ec ? request.digest() : request.signingInput());
      return s.sign();
    };
    SigningKey key = SigningKey.remote(publicKey, "kms-" + alias, hsm);

    String jws = dev.jwtsigner.atomic.AtomicTokenBuilder.create(() -> key).algorithm(alg).subject("u1").sign();

    assertThat(PemKeysTest.verifies(jws, alg, publicKey)).isTrue();
    if (alg == JwsAlgorithm.ES512) {
      assertThat(Base64.getUrlDecoder().decode(jws.split("\\.")[2])).as("r‖s, not DER").hasSize(132);
    }
    assertThat(SigningEngines.describe(key, alg)).isEqualTo(alg + " → RemoteSigner (the key service signs; the key never leaves it)");
  }

  @Test
  void failsWithSigningFailedAtOnceWhileTheTokenIsLoggedOutAndAKeyReadAgainAfterALoginSigns() throws Exception {
    JoseSigner signer = JoseSigner.prepare(KeySource.fromKeyStore(store, "rsa", PIN.toCharArray()).signingKey(),
        JwsAlgorithm.RS256);
    PublicKey publicKey = PublicKeys.parse(Files.readString(tokens.resolve("rsa.pub.pem")));
    assertThat(PemKeysTest.verifies(signer.sign("{\"n\":1}"), JwsAlgorithm.RS256, publicKey)).isTrue();

    ((AuthProvider) pkcs11).logout(); // the token's session is gone, as after an HSM restart or a session time-out
    List<String> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        try {
          signer.sign("{\"n\":2}");
          outcomes.add("signed");
        } catch (JwtSignerException e) {
          assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED);
          assertThat(e).hasMessageStartingWith("the RS256 signature failed in provider SunPKCS11-jwtsigner-softhsm (");
          outcomes.add("SIGNING_FAILED");
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to answer").isLessThan(2_000);
      }
    } finally {
      store.load(null, PIN.toCharArray()); // logs in again
    }
    // at most the operation set up before the logout completes; every later one fails
    assertThat(outcomes).endsWith("SIGNING_FAILED", "SIGNING_FAILED");
    // a logout invalidates the token's handles to private keys: the old source keeps failing fast, and a
    // source read again from the key store signs (the library does not re-read a key store by itself)
    assertThatThrownBy(() -> signer.sign("{\"n\":3}")).isInstanceOf(JwtSignerException.class);
    JoseSigner again = JoseSigner.prepare(KeySource.fromKeyStore(store, "rsa", PIN.toCharArray()).signingKey(),
        JwsAlgorithm.RS256);
    assertThat(PemKeysTest.verifies(again.sign("{\"n\":4}"), JwsAlgorithm.RS256, publicKey)).isTrue();
  }

  @Test
  void aKeyStoreSourceLogsInAgainByItselfAfterTheTokenLostItsSessionSoTheNextTokenIsSigned() throws Exception {
    KeySource source = KeySource.fromKeyStore(store, "rsa", PIN.toCharArray());
    AtomicTokenBuilder tokens = AtomicTokenBuilder.create(source).algorithm(JwsAlgorithm.RS256).subject("u1")
        .expiresIn(java.time.Duration.ofMinutes(5));
    PublicKey publicKey = PublicKeys.parse(Files.readString(KeyStoreKeysTest.tokens.resolve("rsa.pub.pem")));
    assertThat(PemKeysTest.verifies(tokens.sign(), JwsAlgorithm.RS256, publicKey)).isTrue();

    ((AuthProvider) pkcs11).logout(); // as after an HSM restart or a session time-out
    try {
      List<String> outcomes = new ArrayList<>();
      String token = null;
      for (int i = 0; i < 4 && token == null; i++) {
        long t0 = System.nanoTime();
        try {
          String signed = tokens.sign();
          if (outcomes.contains("SIGNING_FAILED")) {
            token = signed;
          }
          outcomes.add("signed");
        } catch (JwtSignerException e) {
          assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED);
          outcomes.add("SIGNING_FAILED");
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to answer").isLessThan(2_000);
      }
      // at most one token from the operation set up before the logout, then one failure, then signed again
      assertThat(outcomes).containsSubsequence("SIGNING_FAILED", "signed").endsWith("SIGNING_FAILED", "signed");
      assertThat(PemKeysTest.verifies(token, JwsAlgorithm.RS256, publicKey)).isTrue();
      assertThat(source.signingKey()).as("the entry read anew").isNotNull();
    } finally {
      store.load(null, PIN.toCharArray()); // logged in whatever happened, for the other tests
    }
  }

  private static void pkcs11Tool(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "pkcs11-tool";
    command[1] = "--module";
    command[2] = LIBRARY;
    System.arraycopy(args, 0, command, 3, args.length);
    run(tokens, Map.of(), command);
  }

  private static PublicKey spki(byte[] der) throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    return PublicKeys.parse(pem);
  }

  private static byte[] certificate(PublicKey subject, KeyPair issuer) throws Exception {
    byte[] der = new JcaX509v3CertificateBuilder(new X500Name("CN=jwt-signer test issuer"), BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
        Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2100-01-01T00:00:00Z")),
        new X500Name("CN=jwt-signer HSM key"), subject)
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate()))
        .getEncoded();
    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    return der;
  }
}
