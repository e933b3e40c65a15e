package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static dev.jwtsigner.spring.StarterFixtures.RSA_2;
import static dev.jwtsigner.spring.StarterFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import dev.jwtsigner.testkit.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AptoAutoConfigurationTest {

  @TempDir
  static Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AptoAutoConfiguration.class, AtomicAutoConfiguration.class));

  @Test
  void backsOffWithoutAKey() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SignedPayloadBuilder.class).doesNotHaveBean(AptoPolicy.class));
  }

  @Test
  void signsPayloadsUnderTheRegisteredKidThatTheTestKitAccepts() {
    runner.withPropertyValues("jwt-signer.apto.private-key=" + file(dir, "apto.pem", RSA.privateKeyPem()), "jwt-signer.apto.key-id=key_2",
        "jwt-signer.apto.registered-keys.key_1=" + file(dir, "k1.pub.pem", RSA_2.publicKeyPem()),
        "jwt-signer.apto.registered-keys.key_2=" + file(dir, "k2.pub.pem", RSA.rsaPublicKeyPem().orElseThrow()),
        "jwt-signer.apto.max-payload-size=2048", "jwt-signer.apto.max-depth=8", "jwt-signer.apto.expires-in=5m").run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("atomicKeySource");
          AptoPolicy policy = context.getBean(AptoPolicy.class);
          assertThat(policy.registeredKeys()).containsOnlyKeys("key_1", "key_2");
          assertThat(policy.maxPayloadBytes()).isEqualTo(2048);
          assertThat(policy.maxDepth()).isEqualTo(8);
          String signed = context.getBean(SignedPayloads.class).sign("{\"data_points\":{\"type\":\"list\",\"data\":[]}}");

          Verdict verdict = SignedPayloadVerifier.create().trust("key_1", RSA_2.publicKey()).trust("key_2", RSA.publicKey()).verify(signed);
          assertThat(verdict.violations()).isEmpty();
          assertThat(verdict.header()).containsEntry("kid", "key_2").containsEntry("alg", "RS256");
          long lifetime = ((Number) verdict.claims().get("exp")).longValue() - ((Number) verdict.claims().get("iat")).longValue();
          assertThat(lifetime).isEqualTo(300);
        });
  }

  @Test
  void keepsTheAtomicAndAptoKeysApart() {
    runner.withPropertyValues("jwt-signer.apto.private-key-pem=" + RSA_2.privateKeyPem(),
        "jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem()).run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("aptoKeySource", KeySource.class).signingKey().privateKey()).isEqualTo(RSA_2.privateKey());
          assertThat(context.getBean("atomicKeySource", KeySource.class).signingKey().privateKey()).isEqualTo(RSA.privateKey());
        });
  }

  @Test
  void backsOffForTheApplicationsOwnBeans() {
    AptoPolicy own = AptoPolicy.defaults();
    SignedPayloadBuilder builder = SignedPayloadBuilder.create(RSA.keySource());
    runner.withBean("aptoKeySource", KeySource.class, RSA::keySource).withBean("myPolicy", AptoPolicy.class, () -> own)
        .withBean("myBuilder", SignedPayloadBuilder.class, () -> builder).run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(AptoPolicy.class)).isSameAs(own);
          assertThat(context.getBean(SignedPayloadBuilder.class)).isSameAs(builder);
          assertThat(context.getBean(SignedPayloads.class).builder()).isSameAs(builder);
        });
  }
}
