package dev.jwtsigner.examples.atomic;

import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.atomic.AtomicTokenCache;
import dev.jwtsigner.keys.KeySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signing key and the configured token builder, made once at start-up: a missing, garbled or too-short
 * key stops the application before it serves a request, with jwt-signer's message.
 */
@Configuration(proxyBeanMethods = false)
class AtomicTokenConfiguration {

  @Bean
  KeySource atomicSigningKey(AtomicTokenProperties properties) {
    if (properties.privateKey() == null) {
      throw new IllegalStateException("atomic.private-key is not set. Fix: point it (or the environment variable"
          + " ATOMIC_PRIVATE_KEY_FILE) at the PEM file of your private key.");
    }
    return KeySource.fromPem(properties.privateKey());
  }

  /** Configured once and shared: the builder is immutable, so every request derives its own token from it. */
  @Bean
  AtomicTokenBuilder atomicTokenBuilder(KeySource atomicSigningKey, AtomicTokenProperties properties) {
    AtomicTokenBuilder builder = AtomicTokenBuilder.create(atomicSigningKey)
        .algorithm(properties.algorithm())
        .policy(properties.policy().toAtomicPolicy())
        .expiresIn(properties.tokenLifetime());
    return properties.issuer() == null ? builder : builder.issuer(properties.issuer());
  }

  /** One token per user, kept until it nears expiry: the SDK asks often, and a hit signs nothing. */
  @Bean
  AtomicTokenCache atomicTokenCache(AtomicTokenBuilder atomicTokenBuilder) {
    return AtomicTokenCache.create(atomicTokenBuilder);
  }
}
