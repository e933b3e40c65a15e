package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.keys.KeySource;

/**
 * Diagnostic: {@link AtomicBuilderStart} with the PKCS#8 key read by the JDK ({@code KeySource.of}) instead of
 * {@code KeySource.fromPem}, which reads PEM with Bouncy Castle. The difference is what Bouncy Castle's PEM
 * reader costs a cold start.
 */
public final class JdkKeyBuilderStart {

  private JdkKeyBuilderStart() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    System.out.println(AtomicBuilderStart.mint(KeySource.of(run.jcaPrivateKey()), run.algorithm));
  }
}
