package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a key or setting that jwt-signer refused at start-up into Spring Boot's "APPLICATION FAILED TO
 * START" report: the property, the library's reason and its message (the rule and the fix, never the key),
 * and where to change it. Registered in {@code META-INF/spring.factories}.
 */
class JwtSignerFailureAnalyzer extends AbstractFailureAnalyzer<JwtSignerException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, JwtSignerException cause) {
    if (cause instanceof InvalidPropertyException p) {
      String message = p.getMessage().substring(p.property().length() + 2);
      return new FailureAnalysis("jwt-signer refused " + p.property() + " (" + p.reason() + "): " + message,
          "Change " + p.property() + " in application.yml (environment variable " + environmentName(p.property())
              + ") as the message says; docs/spring.md lists every jwt-signer property.", cause);
    }
    return new FailureAnalysis("jwt-signer refused its configuration (" + cause.reason() + "): " + cause.getMessage(),
        "Change the jwt-signer.* settings or the bean that configures jwt-signer as the message says.", cause);
  }

  /** The environment variable Spring Boot binds to {@code property} (relaxed binding). */
  static String environmentName(String property) {
    return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
  }
}
