package dev.jwtsigner.bench;

import java.security.GeneralSecurityException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each thread's raw JCA signing floor for the {@link PayloadState}'s signing input. */
@State(Scope.Thread)
public class PayloadRawSigners extends JcaFloor {

  @Setup(Level.Trial)
  public void setUp(PayloadState state) throws GeneralSecurityException {
    init(state.keys, state.signingInput);
  }
}
