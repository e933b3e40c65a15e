package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.Providers;
import dev.jwtsigner.keys.SigningKey;
import java.security.Provider;
import java.security.Security;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tokens signed on each engine (ACCP, on the test class path; Bouncy Castle; the JDK's) verify in npm's
 * jsonwebtoken and in the test kit's verifier, which itself verifies on the fastest engine (ACCP here).
 */
class EngineNodeInteropTest {

  private final TestClock clock = TestClock.create();
  private final long now = clock.instant().getEpochSecond();

  @BeforeAll
  static void node() {
    NodeJwt.assumeAvailable();
  }

  private static Provider engine(String name) {
    return switch (name) {
      case "ACCP" -> Providers.engines(JwsAlgorithm.RS256).get(0).provider();
      case "BC" -> Providers.bouncyCastle();
      default -> Security.getProvider(name);
    };
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"RS256, ACCP", "RS256, BC", "RS256, SunRsaSign", "RS512, ACCP", "RS512, SunRsaSign",
      "ES512, ACCP", "ES512, BC", "ES512, SunEC"})
  void nodeAndTheTestKitVerifyATokenSignedOnEachEngine(JwsAlgorithm alg, String engineName) {
    String keyName = alg == JwsAlgorithm.ES512 ? "p521" : alg == JwsAlgorithm.RS256 ? "rsa2048" : "rsa4096";
    Provider provider = engine(engineName);
    assertThat(provider).as(engineName).isNotNull();
    SigningKey key = CoreTestKeys.keySource(keyName).withKeyId("k-" + engineName).signingKey().withProvider(provider);

    String token = AtomicTokenBuilder.create(() -> key).algorithm(alg).clock(clock).subject("u1").sign();

    if (alg == JwsAlgorithm.ES512) {
      assertThat(Base64.getUrlDecoder().decode(token.split("\\.")[2])).as("r‖s").hasSize(132);
    }
    Map<String, Object> answer = NodeJwt.verify(token, CoreTestKeys.text(keyName + ".pub.pem"),
        Map.of("algorithms", List.of(alg.name()), "clockTimestamp", now));
    assertThat(answer).containsEntry("valid", true);
    Verdict verdict = AtomicPlatformVerifier.create(AtomicPolicy.defaults()).trust(CoreTestKeys.publicKey(keyName))
        .clock(clock).verify(token);
    assertThat(verdict.violations()).isEmpty();
  }
}
