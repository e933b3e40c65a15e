package dev.jwtsigner.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.JoseSigner;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every minting contender for one algorithm, on the same key and the same claims ({@link Claims}), shared
 * by all benchmark threads as a server shares its configured signer. Each contender is prepared once per
 * trial (keys parsed, providers chosen) and its first token is checked to verify. The floors sign the
 * {@link AtomicTokenBuilder}'s signing input.
 */
@State(Scope.Benchmark)
public class SigningState {

  /** The design's example policy: at most 7 days, issuer {@code my-backend}. */
  static final AtomicPolicy POLICY =
      AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(7)).allowedIssuers(Claims.ISSUER).build();

  @Param({"RS256", "RS512", "ES512"})
  public JwsAlgorithm alg;

  BenchKeys keys;
  /** Configured once, as a server does: key, algorithm, policy, issuer, clock, lifetime; no user yet. */
  AtomicTokenBuilder tokens;
  JoseSigner joseSigner;
  byte[] signingInput;

  private JWSHeader nimbusHeader;
  private JWSSigner nimbusSigner;
  private SignatureAlgorithm jjwtAlgorithm;
  private Algorithm auth0Algorithm;

  @Setup(Level.Trial)
  public void setUp() throws JOSEException {
    keys = BenchKeys.of(alg);
    tokens = configuredBuilder(keys);
    signingInput = Tokens.signingInput(check("AtomicTokenBuilder", atomicTokenBuilder()));
    joseSigner = JoseSigner.prepare(keys.keySource().signingKey(), alg);
    check("JoseSigner", joseSigner.sign(Claims.JSON));

    nimbusHeader = new JWSHeader.Builder(JWSAlgorithm.parse(alg.name())).type(JOSEObjectType.JWT).build();
    nimbusSigner = alg == JwsAlgorithm.ES512
        ? new ECDSASigner((ECPrivateKey) keys.jdkPrivate)
        : new RSASSASigner(keys.jdkPrivate);
    jjwtAlgorithm = (SignatureAlgorithm) Jwts.SIG.get().forKey(alg.name());
    auth0Algorithm = switch (alg) {
      case RS256 -> Algorithm.RSA256((RSAPublicKey) keys.jdkPublic, (RSAPrivateKey) keys.jdkPrivate);
      case RS512 -> Algorithm.RSA512((RSAPublicKey) keys.jdkPublic, (RSAPrivateKey) keys.jdkPrivate);
      case ES512 -> Algorithm.ECDSA512((ECPublicKey) keys.jdkPublic, (ECPrivateKey) keys.jdkPrivate);
    };
    check("nimbus", nimbus());
    check("jjwt", jjwt());
    check("auth0", auth0());
  }

  /** The guide's builder for {@code keys}: RS256, RS512 or ES512 by the key, the design's policy and issuer. */
  static AtomicTokenBuilder configuredBuilder(BenchKeys keys) {
    return AtomicTokenBuilder.create(keys.keySource())
        .algorithm(keys.algorithm)
        .policy(POLICY)
        .issuer(Claims.ISSUER)
        .clock(Claims.MINTING_CLOCK)
        .expiresIn(Claims.LIFETIME);
  }

  /** One request's token: the shared builder, this user, signed (every platform rule checked first). */
  String atomicTokenBuilder() {
    return tokens.subject(Claims.SUBJECT).sign();
  }

  /** {@code token} after checking that it verifies with this state's public key and algorithm. */
  String check(String contender, String token) {
    return Tokens.requireValid(contender, token, keys.jdkPublic, alg.name());
  }

  /** nimbus-jose-jwt used directly, as its documentation shows: a claims set, a signed JWT, serialized. */
  String nimbus() throws JOSEException {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(Claims.ISSUER)
        .subject(Claims.SUBJECT)
        .issueTime(Claims.ISSUED_AT_DATE)
        .expirationTime(Claims.EXPIRES_AT_DATE)
        .build();
    SignedJWT jwt = new SignedJWT(nimbusHeader, claims);
    jwt.sign(nimbusSigner);
    return jwt.serialize();
  }

  /** jjwt 0.13's builder. */
  String jjwt() {
    return Jwts.builder()
        .header().type("JWT").and()
        .issuer(Claims.ISSUER)
        .subject(Claims.SUBJECT)
        .issuedAt(Claims.ISSUED_AT_DATE)
        .expiration(Claims.EXPIRES_AT_DATE)
        .signWith(keys.jdkPrivate, jjwtAlgorithm)
        .compact();
  }

  /** auth0 java-jwt 4.5's builder (it writes {@code typ: JWT} itself). */
  String auth0() {
    return JWT.create()
        .withIssuer(Claims.ISSUER)
        .withSubject(Claims.SUBJECT)
        .withIssuedAt(Claims.ISSUED_AT)
        .withExpiresAt(Claims.EXPIRES_AT)
        .sign(auth0Algorithm);
  }
}
