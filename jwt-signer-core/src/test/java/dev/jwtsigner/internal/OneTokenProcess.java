package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A short process, as a serverless function or the CLI is: reads a PEM key, signs one token, verifies it,
 * prints it and exits. {@link ProvidersTest} runs it in a fresh JVM and reads its class-loading log.
 * Arguments: the algorithm and the test key's name, such as {@code ES512 p521}.
 */
final class OneTokenProcess {

  private OneTokenProcess() {}

  public static void main(String[] args) throws Exception {
    JwsAlgorithm alg = JwsAlgorithm.valueOf(args[0]);
    KeySource keys = KeySource.fromPemText(TestKeys.pem(args[1] + ".pem"));
    String token = AtomicTokenBuilder.create(keys).algorithm(alg).subject("u1").expiresIn(Duration.ofMinutes(5)).sign();
    int dot = token.lastIndexOf('.');
    byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    boolean verified = TrustedKey.of(null, ProvidersTest.publicKey(args[1], alg.keyAlgorithm()))
        .verifies(alg, input, input.length, signature);
    System.out.println("token " + token.length() + " chars, verified " + verified + ", " + Providers.describe(alg));
  }
}
