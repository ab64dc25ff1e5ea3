package tw.gov.mohw.support.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.gov.mohw.support.shared.Actor;

class TestActorHeaderTest {

    @Test
    void parsesEachRole() {
        assertThat(TestActorHeader.parse("practitioner:a123456789")).get()
                .extracting(Actor::role, Actor::nationalId).containsExactly(Actor.Role.PRACTITIONER, "A123456789");
        assertThat(TestActorHeader.parse("institution:0101090517")).get()
                .extracting(Actor::institutionCode).isEqualTo("0101090517");
        assertThat(TestActorHeader.parse("reviewer:63000:alice:A123456789")).get()
                .extracting(Actor::role, Actor::bureauCode, Actor::account, Actor::nationalId)
                .containsExactly(Actor.Role.REVIEWER, "63000", "staff:alice", "A123456789");
        assertThat(TestActorHeader.parse("bureau-admin:63000:bob")).get().extracting(Actor::role)
                .isEqualTo(Actor.Role.BUREAU_ADMIN);
        assertThat(TestActorHeader.parse("national-viewer:carol")).get().extracting(Actor::role)
                .isEqualTo(Actor.Role.NATIONAL_VIEWER);
        assertThat(TestActorHeader.parse("system-admin:dave")).get().extracting(Actor::role)
                .isEqualTo(Actor.Role.SYSTEM_ADMIN);
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {null, "", "practitioner", "practitioner:A123456780", "institution:123",
                "reviewer:63000", "reviewer:6300:x", "reviewer:63000:Alice", "reviewer:63000:a:b:c:d",
                "system:root", "national-viewer:", "x".repeat(101)}) {
            assertThat(TestActorHeader.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
