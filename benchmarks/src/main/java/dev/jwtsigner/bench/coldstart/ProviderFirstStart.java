package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Diagnostic: {@link AtomicBuilderStart} with the key bound to a Bouncy Castle provider made before the first
 * token, as jwt-signer did before it loaded Bouncy Castle in the background. For ES512 the difference to
 * {@code AtomicBuilderStart} is what that background load saves a cold start.
 */
public final class ProviderFirstStart {

  private ProviderFirstStart() {}

  public static void main(String[] args) {
    ColdStart run = ColdStart.parse(args);
    SigningKey key = KeySource.fromPem(run.keyFile).signingKey().withProvider(new BouncyCastleProvider());
    System.out.println(AtomicBuilderStart.mint(() -> key, run.algorithm));
  }
}
