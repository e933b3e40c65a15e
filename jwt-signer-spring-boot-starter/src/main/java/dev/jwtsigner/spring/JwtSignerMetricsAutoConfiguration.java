package dev.jwtsigner.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The meters of {@link AtomicTokens} and {@link SignedPayloads} ({@code jwt.signer.*}), when the application has a
 * Micrometer {@link MeterRegistry}. Runs before the token services are made, so they find it.
 */
@AutoConfiguration(before = {AtomicAutoConfiguration.class, AptoAutoConfiguration.class}, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
public class JwtSignerMetricsAutoConfiguration {

  @Bean
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnMissingBean
  SigningMetrics jwtSignerSigningMetrics(MeterRegistry registry) {
    return new MicrometerSigningMetrics(registry);
  }
}
