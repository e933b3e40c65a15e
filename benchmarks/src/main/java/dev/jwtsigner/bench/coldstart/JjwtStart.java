package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.bench.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;

/** Cold start with jjwt 0.13 (the key read with the JDK alone; jjwt has no PEM reader). */
public final class JjwtStart {

  private JjwtStart() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    System.out.println(Jwts.builder()
        .header().type("JWT").and()
        .issuer(Claims.ISSUER)
        .subject(Claims.SUBJECT)
        .issuedAt(Claims.ISSUED_AT_DATE)
        .expiration(Claims.EXPIRES_AT_DATE)
        .signWith(run.jcaPrivateKey(), (SignatureAlgorithm) Jwts.SIG.get().forKey(run.algorithm))
        .compact());
  }
}
