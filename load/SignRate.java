import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeySource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The single-thread signing rate that load/run.sh judges the server against: the same key and body as the
 * server's, signed on one thread after a 3-second warm-up; the best of SECONDS one-second rounds.
 *
 * <pre>java -cp CLASSPATH load/SignRate.java KEY_PEM BODY_JSON SECONDS</pre>
 */
public final class SignRate {
  public static void main(String[] args) throws Exception {
    SignedPayloadBuilder signer = SignedPayloadBuilder.create(KeySource.fromPem(Path.of(args[0]))).keyId("key_1");
    String body = Files.readString(Path.of(args[1]));
    long seconds = Long.parseLong(args[2]);
    for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
      signer.payload(body).sign();
    }
    // the best one-second round: on a shared machine the others measure the neighbours as much as the signer
    double best = 0;
    for (int round = 0; round < seconds; round++) {
      long n = 0;
      long start = System.nanoTime();
      long end = start + 1_000_000_000L;
      while (System.nanoTime() < end) {
        signer.payload(body).sign();
        n++;
      }
      best = Math.max(best, n / ((System.nanoTime() - start) / 1e9));
    }
    System.out.printf("%.0f%n", best);
  }
}
