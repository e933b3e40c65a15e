package dev.jwtsigner.spring;

import dev.jwtsigner.keys.JwksDocument;
import dev.jwtsigner.keys.JwksPublisher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * Serves the Atomic key set at {@code jwt-signer.atomic.jwks.path} on whichever web stack is present: a
 * functional route for Spring MVC or for WebFlux, each answering {@code GET} with the JSON, {@code
 * Cache-Control: public, max-age=N} and an {@code ETag}, and {@code 304} to a matching {@code If-None-Match}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = AtomicAutoConfiguration.PREFIX + ".jwks", name = "enabled", havingValue = "true")
class JwksEndpointConfiguration {

  /** The path and Cache-Control value, checked once. */
  record Endpoint(String path, String cacheControl) {

    static Endpoint of(AtomicProperties p) {
      String path = p.jwks().path();
      if (path == null || !path.startsWith("/") || path.contains(" ")) {
        throw InvalidPropertyException.invalid(AtomicAutoConfiguration.PREFIX + ".jwks.path", "the path must start with /"
            + " and hold no spaces. Fix: use " + JwksPublisher.WELL_KNOWN_PATH + ", the path platforms look at.");
      }
      if (p.jwks().maxAge() == null || p.jwks().maxAge().isNegative()) {
        throw InvalidPropertyException.invalid(AtomicAutoConfiguration.PREFIX + ".jwks.max-age", "the max-age is negative."
            + " Fix: use zero or a positive duration no longer than the rotation's publish lead, such as 5m.");
      }
      return new Endpoint(path, JwksPublisher.cacheControl(p.jwks().maxAge()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
  static class Servlet {

    @Bean
    org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> atomicJwksRoute(
        @Qualifier("atomicJwksPublisher") JwksPublisher publisher, AtomicProperties p) {
      Endpoint endpoint = Endpoint.of(p);
      return org.springframework.web.servlet.function.RouterFunctions.route()
          .GET(endpoint.path(), request -> {
            JwksDocument jwks = publisher.document();
            if (jwks.notModified(request.headers().firstHeader("If-None-Match"))) {
              return org.springframework.web.servlet.function.ServerResponse.status(304)
                  .header("ETag", jwks.etag()).header("Cache-Control", endpoint.cacheControl()).build();
            }
            return org.springframework.web.servlet.function.ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header("ETag", jwks.etag()).header("Cache-Control", endpoint.cacheControl()).body(jwks.json());
          })
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
  static class Reactive {

    @Bean
    org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> atomicJwksRoute(
        @Qualifier("atomicJwksPublisher") JwksPublisher publisher, AtomicProperties p) {
      Endpoint endpoint = Endpoint.of(p);
      return org.springframework.web.reactive.function.server.RouterFunctions.route()
          .GET(endpoint.path(), request -> {
            JwksDocument jwks = publisher.document();
            if (jwks.notModified(request.headers().firstHeader("If-None-Match"))) {
              return org.springframework.web.reactive.function.server.ServerResponse.status(304)
                  .header("ETag", jwks.etag()).header("Cache-Control", endpoint.cacheControl()).build();
            }
            return org.springframework.web.reactive.function.server.ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .header("ETag", jwks.etag()).header("Cache-Control", endpoint.cacheControl()).bodyValue(jwks.json());
          })
          .build();
    }
  }
}
