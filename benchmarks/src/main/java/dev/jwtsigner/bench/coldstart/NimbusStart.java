package dev.jwtsigner.bench.coldstart;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jwtsigner.bench.Claims;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;

/** Cold start with nimbus-jose-jwt used directly (the key read with the JDK alone). */
public final class NimbusStart {

  private NimbusStart() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    PrivateKey key = run.jcaPrivateKey();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.parse(run.algorithm)).type(JOSEObjectType.JWT).build(),
        new JWTClaimsSet.Builder()
            .issuer(Claims.ISSUER)
            .subject(Claims.SUBJECT)
            .issueTime(Claims.ISSUED_AT_DATE)
            .expirationTime(Claims.EXPIRES_AT_DATE)
            .build());
    jwt.sign(run.isEc() ? new ECDSASigner((ECPrivateKey) key) : new RSASSASigner(key));
    System.out.println(jwt.serialize());
  }
}
