package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import java.util.function.IntSupplier;

/** What the starter's token services report; Micrometer's implementation when a MeterRegistry is present. */
interface SigningMetrics {

  /** Platform tag values. */
  String ATOMIC = "atomic";
  String APTO = "apto";

  /** Reports nothing. */
  SigningMetrics NONE = new SigningMetrics() {
    @Override
    public void signed(String platform, long nanos) {}

    @Override
    public void refused(String platform, JwtSignerException e) {}

    @Override
    public void cacheLookup(boolean hit) {}

    @Override
    public void watchCacheSize(IntSupplier size) {}
  };

  /** A token or payload was signed, taking {@code nanos}. */
  void signed(String platform, long nanos);

  /** The library refused to sign. */
  void refused(String platform, JwtSignerException e);

  /** A token cache lookup: a hit, or a miss that minted. */
  void cacheLookup(boolean hit);

  /** Publishes the cache's size. */
  void watchCacheSize(IntSupplier size);
}
