package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningEngines;

/**
 * A server's start: signs tokens from a fresh JVM with one builder and reports, in milliseconds after the first
 * token, when the fastest engine present took over (the line of {@link SigningEngines#describe} no longer
 * says that a faster engine is pending or loading) and how many tokens had been signed by then.
 * Arguments: {@code RS256|RS512|ES512 <private-key.pem> <pause between tokens, ms>} (0: back to back).
 * Prints {@code <ms> <tokens> <engine line>}, or {@code none <tokens> <line>} after 30 s.
 */
public final class SwitchTime {

  private SwitchTime() {}

  public static void main(String[] args) throws InterruptedException {
    ColdStart run = ColdStart.parse(new String[] {args[0], args[1]});
    long pauseMillis = Long.parseLong(args[2]);
    JwsAlgorithm alg = JwsAlgorithm.valueOf(run.algorithm);
    AtomicTokenBuilder builder = AtomicTokenBuilder.create(KeySource.fromPem(run.keyFile)).algorithm(alg);
    long first = System.nanoTime();
    long deadline = first + 30_000_000_000L;
    int tokens = 0;
    String line = SigningEngines.describe(alg);
    while (System.nanoTime() < deadline) {
      if (builder.subject("user-" + tokens).sign().isEmpty()) {
        throw new IllegalStateException("no token");
      }
      tokens++;
      line = SigningEngines.describe(alg);
      if (!line.contains("loading") && !line.contains("if present")) { // settled: the fastest engine present signs
        System.out.println((System.nanoTime() - first) / 1_000_000 + " " + tokens + " " + line);
        return;
      }
      if (pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
    }
    System.out.println("none " + tokens + " " + line);
  }
}
