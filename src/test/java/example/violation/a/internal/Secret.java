package example.violation.a.internal;

public class Secret {
}
