package dev.jwtsigner.testkit;

/**
 * Anything that checks a token the way a platform would: {@code AtomicPlatformVerifier} and
 * {@code SignedPayloadVerifier}. Used by {@code JwtAssertions.isAcceptedBy}.
 *
 * <pre>{@code
 * TokenVerifier verifier = AtomicPlatformVerifier.create(policy).trust(FakeKeys.rsa2048().publicKey());
 * Verdict v = verifier.verify(token);
 * }</pre>
 */
@FunctionalInterface
public interface TokenVerifier {

  /** Checks {@code token}; never throws for a bad token, whatever its content (null included). */
  Verdict verify(String token);
}
