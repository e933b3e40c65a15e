package dev.jwtsigner.bench.coldstart;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.jwtsigner.bench.Claims;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** Cold start with auth0 java-jwt 4.5 (the key read with the JDK alone). */
public final class Auth0Start {

  private Auth0Start() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    PrivateKey key = run.jcaPrivateKey();
    Algorithm algorithm = switch (run.algorithm) {
      case "RS256" -> Algorithm.RSA256(null, (RSAPrivateKey) key);
      case "RS512" -> Algorithm.RSA512(null, (RSAPrivateKey) key);
      default -> Algorithm.ECDSA512(null, (ECPrivateKey) key);
    };
    System.out.println(JWT.create()
        .withIssuer(Claims.ISSUER)
        .withSubject(Claims.SUBJECT)
        .withIssuedAt(Claims.ISSUED_AT)
        .withExpiresAt(Claims.EXPIRES_AT)
        .sign(algorithm));
  }
}
