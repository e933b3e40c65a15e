package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.InvalidPropertyException.check;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.security.PublicKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Apto beans, from {@code jwt-signer.apto.*}: the key source {@code aptoKeySource}, the {@link AptoPolicy}
 * with the registered public keys, the shared {@link SignedPayloadBuilder} and the metered {@link SignedPayloads}.
 * Each backs off when the application defines its own. On when {@code private-key} or {@code private-key-pem} is
 * set, or the application defines a bean named {@code aptoKeySource}. At start-up the builder signs {@code {}}
 * once (discarded), so a key that is not the one registered under {@code key-id} stops the application.
 */
@AutoConfiguration
@ConditionalOnSigningKey(prefix = AptoAutoConfiguration.PREFIX, bean = "aptoKeySource")
@EnableConfigurationProperties(AptoProperties.class)
public class AptoAutoConfiguration {

  static final String PREFIX = "jwt-signer.apto";

  @Bean
  @ConditionalOnMissingBean(name = "aptoKeySource")
  KeySource aptoKeySource(AptoProperties p) {
    return KeySources.create(PREFIX, p.privateKey(), p.privateKeyPem(), p.passphrase(), p.keyId(), null);
  }

  @Bean
  @ConditionalOnMissingBean
  AptoPolicy aptoPolicy(AptoProperties p) {
    AptoPolicy.Builder policy = check(PREFIX + ".max-payload-size", () -> AptoPolicy.builder().maxPayloadBytes(p.maxPayloadSize()));
    AptoPolicy.Builder sized = policy;
    policy = check(PREFIX + ".max-depth", () -> sized.maxDepth(p.maxDepth()));
    for (var entry : p.registeredKeys().entrySet()) {
      String property = PREFIX + ".registered-keys." + entry.getKey();
      PublicKey key = check(property, () -> PublicKeys.parse(KeySources.read(property, entry.getValue())));
      AptoPolicy.Builder b = policy;
      policy = check(PREFIX + ".registered-keys", () -> b.registerKey(entry.getKey(), key));
    }
    AptoPolicy.Builder done = policy;
    return check(PREFIX, done::build);
  }

  @Bean
  @ConditionalOnMissingBean
  SignedPayloadBuilder signedPayloadBuilder(@Qualifier("aptoKeySource") KeySource keys, AptoPolicy policy, AptoProperties p) {
    SignedPayloadBuilder builder = SignedPayloadBuilder.create(keys).policy(policy);
    if (p.keyId() != null) {
      SignedPayloadBuilder b = builder;
      builder = check(PREFIX + ".key-id", () -> b.keyId(p.keyId()));
    }
    if (p.expiresIn() != null) {
      SignedPayloadBuilder b = builder;
      builder = check(PREFIX + ".expires-in", () -> b.expiresIn(p.expiresIn()));
    }
    SignedPayloadBuilder configured = builder;
    try {
      configured.payload("{}").sign();
    } catch (JwtSignerException e) {
      throw new InvalidPropertyException(p.registeredKeys().isEmpty() ? PREFIX + ".private-key" : PREFIX + ".registered-keys",
          e.reason(), e.getMessage(), e);
    }
    return configured;
  }

  @Bean
  @ConditionalOnMissingBean
  SignedPayloads signedPayloads(SignedPayloadBuilder signedPayloadBuilder, ObjectProvider<SigningMetrics> metrics) {
    return new SignedPayloads(signedPayloadBuilder, metrics.getIfAvailable(() -> SigningMetrics.NONE));
  }
}
