package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.EC;
import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static dev.jwtsigner.spring.StarterFixtures.RSA_2;
import static dev.jwtsigner.spring.StarterFixtures.analysis;
import static dev.jwtsigner.spring.StarterFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.KeyPairs;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Every bad value of every property stops the start-up with the property, the library's reason and its fix. */
class JwtSignerFailureAnalyzerTest {

  @TempDir
  static Path dir;
  static String rsa;
  static String ec;
  static String short1024;
  static String encrypted;
  static String garbled;
  static String rsaPublic;
  static String rsa2Public;
  /** A line from the middle of the private key's PEM text, which no message may hold. */
  static final String KEY_TEXT = RSA.privateKeyPem().split("\n")[5];

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AtomicAutoConfiguration.class, AptoAutoConfiguration.class));

  @BeforeAll
  static void keyFiles() throws Exception {
    rsa = file(dir, "rsa.pem", RSA.privateKeyPem());
    ec = file(dir, "ec.pem", EC.privateKeyPem());
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    short1024 = file(dir, "rsa1024.pem", KeyPairs.privateKeyPem(small.generateKeyPair().getPrivate()));
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new JcaPKCS8Generator(RSA.privateKey(), new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
          .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("right".toCharArray()).build()));
    }
    encrypted = file(dir, "encrypted.pem", text.toString());
    garbled = file(dir, "garbled.pem", RSA.privateKeyPem().replace("MII", "MI!"));
    rsaPublic = file(dir, "rsa.pub.pem", RSA.publicKeyPem());
    rsa2Public = file(dir, "rsa2.pub.pem", RSA_2.publicKeyPem());
  }

  static Stream<Arguments> badValues() {
    String a = "jwt-signer.atomic.";
    String p = "jwt-signer.apto.";
    return Stream.of(
        bad(a + "private-key", Reason.KEY_FILE_UNREADABLE, a + "private-key=file:" + dir.resolve("missing.pem")),
        bad(a + "private-key", Reason.KEY_MALFORMED, a + "private-key=" + garbled),
        bad(a + "private-key", Reason.KEY_TOO_SHORT, a + "private-key=" + short1024),
        bad(a + "passphrase", Reason.KEY_PASSPHRASE_REQUIRED, a + "private-key=" + encrypted),
        bad(a + "passphrase", Reason.KEY_PASSPHRASE_WRONG, a + "private-key=" + encrypted, a + "passphrase=s3cr3t-Guess"),
        bad(a + "private-key-pem", Reason.KEY_MALFORMED, a + "private-key-pem=not a key"),
        bad(a + "private-key-pem", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "private-key-pem=x"),
        bad(a + "key-id", Reason.KEY_ID_INVALID, a + "private-key=" + rsa, a + "key-id= "),
        bad(a + "algorithm", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "algorithm=HS256"),
        bad(a + "algorithm", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "algorithm=ES512"),
        bad(a + "max-token-expiry", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "max-token-expiry=-1d"),
        bad(a + "token-lifetime", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "token-lifetime=30s"),
        bad(a + "token-lifetime", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "token-lifetime=8d"),
        bad(a + "issuer", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "allowed-issuers=my-backend", a + "issuer=other"),
        bad(a + "issuer", Reason.TOKEN_REJECTED, a + "private-key=" + rsa, a + "allowed-issuers=my-backend"),
        bad(a + "allowed-issuers", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "allowed-issuers=my-backend, ,other"),
        bad(a + "user-id-claims", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "user-id-claims=exp"),
        bad(a + "claim-mappings.email", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "claim-mappings.email=exp"),
        bad(a + "reload-interval", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "reload-interval=-5s"),
        bad(a + "reload-interval", Reason.INVALID_ARGUMENT, a + "private-key-pem=x", a + "reload-interval=10s"),
        bad(a + "cache.maximum-size", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "cache.maximum-size=0"),
        bad(a + "cache.refresh-margin", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "cache.refresh-margin=-1s"),
        bad(a + "jwks.path", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "jwks.enabled=true", a + "jwks.path=jwks.json"),
        bad(a + "jwks.max-age", Reason.INVALID_ARGUMENT, a + "private-key=" + rsa, a + "jwks.enabled=true", a + "jwks.max-age=-1s"),
        bad(p + "private-key", Reason.KEY_FILE_UNREADABLE, p + "private-key=file:" + dir.resolve("missing.pem")),
        bad(p + "private-key", Reason.PAYLOAD_REJECTED, p + "private-key=" + ec),
        bad(p + "passphrase", Reason.KEY_PASSPHRASE_WRONG, p + "private-key=" + encrypted, p + "passphrase=s3cr3t-Guess"),
        bad(p + "key-id", Reason.KEY_ID_INVALID, p + "private-key=" + rsa, p + "key-id= "),
        bad(p + "registered-keys.key_1", Reason.KEY_FILE_UNREADABLE, p + "private-key=" + rsa, p + "registered-keys.key_1=file:" + dir.resolve("none.pem")),
        bad(p + "registered-keys.key_1", Reason.PUBLIC_KEY_MALFORMED, p + "private-key=" + rsa, p + "registered-keys.key_1=" + garbled),
        bad(p + "registered-keys", Reason.INVALID_ARGUMENT, p + "private-key=" + rsa, p + "key-id=key_1",
            p + "registered-keys.key_1=" + rsaPublic, p + "registered-keys.key_2=" + rsa2Public, p + "registered-keys.key_3=" + rsa2Public),
        bad(p + "registered-keys", Reason.PAYLOAD_REJECTED, p + "private-key=" + rsa, p + "key-id=key_2",
            p + "registered-keys.key_1=" + rsaPublic, p + "registered-keys.key_2=" + rsa2Public),
        bad(p + "max-payload-size", Reason.INVALID_ARGUMENT, p + "private-key=" + rsa, p + "max-payload-size=0"),
        bad(p + "max-depth", Reason.INVALID_ARGUMENT, p + "private-key=" + rsa, p + "max-depth=0"),
        bad(p + "expires-in", Reason.INVALID_ARGUMENT, p + "private-key=" + rsa, p + "expires-in=-1m"));
  }

  private static Arguments bad(String property, Reason reason, String... properties) {
    return Arguments.of(property, reason, properties);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badValues")
  void reportsTheRefusedPropertyWithTheLibrarysReasonAndFix(String property, Reason reason, String[] properties) {
    runner.withPropertyValues(properties).run(context -> {
      FailureAnalysis analysis = analysis(context);
      assertThat(analysis.getDescription()).startsWith("jwt-signer refused " + property + " (" + reason + "): ").contains("Fix: ");
      assertThat(analysis.getAction()).isEqualTo("Change " + property + " in application.yml (environment variable "
          + JwtSignerFailureAnalyzer.environmentName(property) + ") as the message says; docs/spring.md lists every jwt-signer property.");
      assertThat(analysis.getDescription()).doesNotContain(KEY_TEXT, "s3cr3t", "right");
    });
  }

  @Test
  void namesTheExactRuleAndFixOfTheStartersOwnChecks() {
    List<String> descriptions = new ArrayList<>();
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + rsa, "jwt-signer.atomic.private-key-pem=x")
        .run(context -> descriptions.add(analysis(context).getDescription()));
    runner.withPropertyValues("jwt-signer.atomic.private-key=" + rsa, "jwt-signer.atomic.jwks.enabled=true", "jwt-signer.atomic.jwks.path=jwks.json")
        .run(context -> descriptions.add(analysis(context).getDescription()));
    assertThat(descriptions).containsExactly(
        "jwt-signer refused jwt-signer.atomic.private-key-pem (INVALID_ARGUMENT): both private-key and private-key-pem are set."
            + " Fix: set one of them: private-key for a file, private-key-pem for PEM text.",
        "jwt-signer refused jwt-signer.atomic.jwks.path (INVALID_ARGUMENT): the path must start with / and hold no spaces."
            + " Fix: use /.well-known/jwks.json, the path platforms look at.");
  }

  @Test
  void analysesAnyOtherRefusalOfTheLibrary() {
    FailureAnalysis analysis = new JwtSignerFailureAnalyzer().analyze(
        new IllegalStateException("bean failed", new JwtSignerException(Reason.INVALID_ARGUMENT, "x is null. Fix: pass x.")));
    assertThat(analysis.getDescription()).isEqualTo("jwt-signer refused its configuration (INVALID_ARGUMENT): x is null. Fix: pass x.");
    assertThat(analysis.getAction()).isEqualTo("Change the jwt-signer.* settings or the bean that configures jwt-signer as the message says.");
    assertThat(JwtSignerFailureAnalyzer.environmentName("jwt-signer.atomic.private-key")).isEqualTo("JWTSIGNER_ATOMIC_PRIVATEKEY");
  }
}
