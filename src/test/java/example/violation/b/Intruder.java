package example.violation.b;

import example.violation.a.internal.Secret;

public class Intruder {

    Secret secret = new Secret();
}
