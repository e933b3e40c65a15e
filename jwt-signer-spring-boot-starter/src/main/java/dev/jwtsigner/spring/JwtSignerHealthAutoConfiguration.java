package dev.jwtsigner.spring;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.KeySource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator per key source, shown in {@code /actuator/health} as {@code atomicKeySource} and
 * {@code aptoKeySource}: UP with kid and algorithm, DOWN when a reloaded key file was refused and the last good
 * key is kept. On when Spring Boot's health module is on the class path.
 */
@AutoConfiguration(after = {AtomicAutoConfiguration.class, AptoAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class JwtSignerHealthAutoConfiguration {

  @Bean
  @ConditionalOnBean(name = "atomicKeySource")
  @ConditionalOnMissingBean(name = "atomicKeySourceHealthIndicator")
  HealthIndicator atomicKeySourceHealthIndicator(@Qualifier("atomicKeySource") KeySource keys, ObjectProvider<AtomicProperties> p) {
    AtomicProperties properties = p.getIfAvailable();
    String alg = properties == null ? null : properties.algorithm();
    return new KeySourceHealthIndicator(keys, alg == null ? null : JwsAlgorithm.fromJoseName(alg).orElse(null));
  }

  @Bean
  @ConditionalOnBean(name = "aptoKeySource")
  @ConditionalOnMissingBean(name = "aptoKeySourceHealthIndicator")
  HealthIndicator aptoKeySourceHealthIndicator(@Qualifier("aptoKeySource") KeySource keys) {
    return new KeySourceHealthIndicator(keys, JwsAlgorithm.RS256);
  }
}
