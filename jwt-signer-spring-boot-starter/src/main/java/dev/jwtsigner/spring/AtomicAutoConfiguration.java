package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.InvalidPropertyException.check;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.atomic.AtomicTokenCache;
import dev.jwtsigner.keys.JwksPublisher;
import dev.jwtsigner.keys.KeySource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Atomic beans, from {@code jwt-signer.atomic.*}: the key source {@code atomicKeySource}, the
 * {@link AtomicPolicy}, the shared {@link AtomicTokenBuilder}, the {@link AtomicTokenCache}, the metered
 * {@link AtomicTokens} and, with {@code jwks.enabled}, a {@link JwksPublisher} served on the web stack present.
 * Each backs off when the application defines its own. On when {@code private-key} or {@code private-key-pem}
 * is set, or the application defines a bean named {@code atomicKeySource}.
 *
 * <p>At start-up the builder signs one probe token (discarded), so that a lifetime, issuer or algorithm the API
 * key would refuse stops the application with the library's rule and fix, not the first user's request.
 */
@AutoConfiguration
@ConditionalOnSigningKey(prefix = AtomicAutoConfiguration.PREFIX, bean = "atomicKeySource")
@EnableConfigurationProperties(AtomicProperties.class)
@Import(JwksEndpointConfiguration.class)
public class AtomicAutoConfiguration {

  static final String PREFIX = "jwt-signer.atomic";
  static final String PROBE_USER = "jwt-signer-start-up-check";

  @Bean
  @ConditionalOnMissingBean(name = "atomicKeySource")
  KeySource atomicKeySource(AtomicProperties p) {
    return KeySources.create(PREFIX, p.privateKey(), p.privateKeyPem(), p.passphrase(), p.keyId(), p.reloadInterval());
  }

  @Bean
  @ConditionalOnMissingBean
  AtomicPolicy atomicPolicy(AtomicProperties p) {
    AtomicPolicy.Builder policy = check(PREFIX + ".max-token-expiry", () -> AtomicPolicy.builder().maxTokenExpiry(p.maxTokenExpiry()));
    if (!p.allowedIssuers().isEmpty()) {
      AtomicPolicy.Builder b = policy;
      policy = check(PREFIX + ".allowed-issuers", () -> b.allowedIssuers(p.allowedIssuers().toArray(String[]::new)));
    }
    if (!p.userIdClaims().isEmpty()) {
      AtomicPolicy.Builder b = policy;
      policy = check(PREFIX + ".user-id-claims", () -> b.userIdClaims(p.userIdClaims().toArray(String[]::new)));
    }
    for (var mapping : p.claimMappings().entrySet()) {
      AtomicPolicy.Builder b = policy;
      policy = check(PREFIX + ".claim-mappings." + mapping.getKey(), () -> b.mapClaim(mapping.getKey(), mapping.getValue()));
    }
    AtomicPolicy.Builder done = policy;
    return check(PREFIX, done::build);
  }

  @Bean
  @ConditionalOnMissingBean
  AtomicTokenBuilder atomicTokenBuilder(@Qualifier("atomicKeySource") KeySource keys, AtomicPolicy policy, AtomicProperties p) {
    AtomicTokenBuilder builder = AtomicTokenBuilder.create(keys).policy(policy);
    if (p.algorithm() != null) {
      AtomicTokenBuilder b = builder;
      builder = check(PREFIX + ".algorithm", () -> b.algorithm(p.algorithm()));
    }
    if (p.issuer() != null) {
      AtomicTokenBuilder b = builder;
      builder = check(PREFIX + ".issuer", () -> b.issuer(p.issuer()));
    }
    AtomicTokenBuilder b = builder;
    AtomicTokenBuilder configured = check(PREFIX + ".token-lifetime", () -> b.expiresIn(p.tokenLifetime()));
    probe(configured);
    return configured;
  }

  @Bean
  @ConditionalOnMissingBean
  AtomicTokenCache atomicTokenCache(AtomicTokenBuilder atomicTokenBuilder, AtomicProperties p) {
    AtomicTokenCache.Builder cache = check(PREFIX + ".cache.maximum-size",
        () -> AtomicTokenCache.builder(atomicTokenBuilder).maximumSize(p.cache().maximumSize()));
    AtomicTokenCache.Builder sized = cache;
    AtomicTokenCache.Builder margin = check(PREFIX + ".cache.refresh-margin", () -> sized.refreshMargin(p.cache().refreshMargin()));
    return check(PREFIX + ".cache", margin::build);
  }

  @Bean
  @ConditionalOnMissingBean
  AtomicTokens atomicTokens(AtomicTokenCache atomicTokenCache, ObjectProvider<SigningMetrics> metrics) {
    return new AtomicTokens(atomicTokenCache, metrics.getIfAvailable(() -> SigningMetrics.NONE));
  }

  @Bean
  @ConditionalOnMissingBean(name = "atomicJwksPublisher")
  @ConditionalOnProperty(prefix = PREFIX + ".jwks", name = "enabled", havingValue = "true")
  JwksPublisher atomicJwksPublisher(@Qualifier("atomicKeySource") KeySource keys, AtomicProperties p) {
    JwksPublisher publisher = check(PREFIX + ".private-key", () -> JwksPublisher.of(keys));
    // an unknown algorithm name is refused, with its rule, by the builder's start-up probe
    JwsAlgorithm algorithm = p.algorithm() == null ? null : JwsAlgorithm.fromJoseName(p.algorithm()).orElse(null);
    return algorithm == null ? publisher : check(PREFIX + ".algorithm", () -> publisher.algorithm(algorithm));
  }

  /** Signs one token for a probe user, so a rule the settings break stops the start-up, naming the setting. */
  private static void probe(AtomicTokenBuilder builder) {
    try {
      builder.subject(PROBE_USER).sign();
    } catch (TokenRejectedException e) {
      String field = e.violations().isEmpty() ? "" : e.violations().get(0).field();
      throw new InvalidPropertyException(PREFIX + "." + propertyFor(field), e.reason(), e.getMessage(), e);
    }
  }

  /** The property that sets what a violation's field names. */
  static String propertyFor(String field) {
    switch (field) {
      case "exp":
      case "iat":
        return "token-lifetime";
      case "iss":
        return "issuer";
      case "header.alg":
        return "algorithm";
      case "header.kid":
        return "key-id";
      default:
        return "private-key";
    }
  }
}
