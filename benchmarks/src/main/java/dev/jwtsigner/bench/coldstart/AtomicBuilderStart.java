package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.bench.Claims;
import dev.jwtsigner.keys.KeySource;
import java.time.Duration;

/** Cold start with jwt-signer as an application uses it: a key file, the builder, one token. */
public final class AtomicBuilderStart {

  private AtomicBuilderStart() {}

  public static void main(String[] args) {
    ColdStart run = ColdStart.parse(args);
    System.out.println(mint(KeySource.fromPem(run.keyFile), run.algorithm));
  }

  /** One token from a builder configured as the guide's: the design's policy, issuer, user and lifetime. */
  static String mint(KeySource keys, String algorithm) {
    return AtomicTokenBuilder.create(keys)
        .algorithm(JwsAlgorithm.valueOf(algorithm))
        .policy(AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(7)).allowedIssuers(Claims.ISSUER).build())
        .issuer(Claims.ISSUER)
        .subject(Claims.SUBJECT)
        .expiresIn(Claims.LIFETIME)
        .sign();
  }
}
