package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.JwksPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

/** The route per web stack; the servlet route is fetched over HTTP in {@link StarterApplicationTest}. */
class JwksEndpointConfigurationTest {

  private static final String[] JWKS = {"jwt-signer.atomic.private-key-pem=" + RSA.privateKeyPem(), "jwt-signer.atomic.key-id=key_1",
      "jwt-signer.atomic.jwks.enabled=true", "jwt-signer.atomic.jwks.path=/keys.json", "jwt-signer.atomic.jwks.max-age=90s"};

  @Test
  void servesTheKeySetOnWebFluxWithCacheControlEtagAnd304() {
    new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(AtomicAutoConfiguration.class))
        .withPropertyValues(JWKS).run(context -> {
          @SuppressWarnings("unchecked")
          RouterFunction<?> route = context.getBean("atomicJwksRoute", RouterFunction.class);
          WebTestClient client = WebTestClient.bindToRouterFunction(route).build();
          String etag = context.getBean(JwksPublisher.class).document().etag();

          client.get().uri("/keys.json").exchange().expectStatus().isOk()
              .expectHeader().contentType("application/json").expectHeader().valueEquals("Cache-Control", "public, max-age=90")
              .expectHeader().valueEquals("ETag", etag)
              .expectBody(String.class).value(body -> assertThat(body).contains("\"kid\":\"key_1\"").doesNotContain("\"d\""));
          client.get().uri("/keys.json").header("If-None-Match", etag).exchange().expectStatus().isNotModified();
        });
  }

  @Test
  void registersTheServletRouteOnlyOnAServletStack() {
    new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(AtomicAutoConfiguration.class))
        .withPropertyValues(JWKS).run(context -> assertThat(context).hasBean("atomicJwksRoute")
            .getBean("atomicJwksRoute").isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class));
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AtomicAutoConfiguration.class))
        .withPropertyValues(JWKS).run(context -> assertThat(context).hasSingleBean(JwksPublisher.class).doesNotHaveBean("atomicJwksRoute"));
  }
}
