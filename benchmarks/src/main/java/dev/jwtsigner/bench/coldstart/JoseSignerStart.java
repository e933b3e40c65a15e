package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.bench.Claims;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.KeySource;

/** Cold start with jwt-signer's key source and internal signer (the core of both builders). */
public final class JoseSignerStart {

  private JoseSignerStart() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    KeySource keys = KeySource.fromPem(run.keyFile);
    System.out.println(JoseSigner.prepare(keys.signingKey(), JwsAlgorithm.valueOf(run.algorithm)).sign(Claims.JSON));
  }
}
