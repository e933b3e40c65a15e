package dev.jwtsigner.examples.atomic;

import dev.jwtsigner.KeyRejectedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a signing key that jwt-signer refused at start-up into Spring Boot's "APPLICATION FAILED TO START"
 * report: the library's reason and message (which name the problem and the command that makes a right key,
 * never the key itself), and the setting to change. Registered in {@code META-INF/spring.factories}.
 */
class KeyRejectedFailureAnalyzer extends AbstractFailureAnalyzer<KeyRejectedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KeyRejectedException cause) {
    return new FailureAnalysis(
        "The Atomic signing key was refused (" + cause.reason() + "): " + cause.getMessage(),
        "Point atomic.private-key (environment variable ATOMIC_PRIVATE_KEY_FILE) at the PEM file of the private key"
            + " whose public key is registered with your Atomic API key.",
        cause);
  }
}
