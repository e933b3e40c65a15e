package dev.jwtsigner.bench;

import java.security.GeneralSecurityException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each thread's raw JCA verification floor for the {@link VerifyingState}'s key and token. */
@State(Scope.Thread)
public class RawVerifiers extends JcaVerifyFloor {

  @Setup(Level.Trial)
  public void setUp(VerifyingState state) throws GeneralSecurityException {
    init(state.keys, state.signingInput);
  }
}
