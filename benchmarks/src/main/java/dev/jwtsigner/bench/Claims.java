package dev.jwtsigner.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * The claims every contender signs: the Atomic guide's token (issuer, user ID in {@code sub}, issued now,
 * expiring in three days). Time is fixed, so each contender signs the same values in every iteration.
 * Plain constants: the cold-start programs use them without loading anything else.
 */
public final class Claims {

  public static final String ISSUER = "my-backend";
  public static final String SUBJECT = "1234567890";
  public static final Duration LIFETIME = Duration.ofDays(3);
  public static final Instant ISSUED_AT = Instant.parse("2026-11-22T00:00:00Z");
  public static final Instant EXPIRES_AT = ISSUED_AT.plus(LIFETIME);
  public static final Date ISSUED_AT_DATE = Date.from(ISSUED_AT);
  public static final Date EXPIRES_AT_DATE = Date.from(EXPIRES_AT);
  /** The minting clock: stopped at {@link #ISSUED_AT}. */
  public static final Clock MINTING_CLOCK = Clock.fixed(ISSUED_AT, ZoneOffset.UTC);
  /** The verifying clock: an hour after minting, well within the token's life. */
  public static final Clock VERIFYING_CLOCK = Clock.fixed(ISSUED_AT.plus(Duration.ofHours(1)), ZoneOffset.UTC);

  /** The same claims as compact JSON, for the signers that take a ready payload. */
  public static final String JSON = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + SUBJECT
      + "\",\"iat\":" + ISSUED_AT.getEpochSecond() + ",\"exp\":" + EXPIRES_AT.getEpochSecond() + "}";

  private Claims() {}
}
