package com.example.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class CalculatorTest {
    private static int flakyRuns;
    private final Calculator calc = new Calculator();

    @Test
    void shouldAdd() {
        assertEquals(5, calc.add(2, 3));
    }

    @Test
    void shouldRefuseDivisionByZero() {
        assertThrows(ArithmeticException.class, () -> calc.divide(1, 0));
    }

    @Test
    void shouldClassifyNegative() {
        assertEquals("negative", calc.classify(-4));
    }

    @Test
    void shouldFailOnPurpose() {
        assertEquals(7, calc.add(3, 3), "a failing test, kept to show failure reports");
    }

    @Test
    void shouldPassOnSecondRun() {
        flakyRuns++;
        assertEquals(2, flakyRuns, "flaky on purpose: fails on the first run only");
    }

    @Test
    @Disabled("shows a skipped test in the report")
    void shouldBeSkipped() {
    }

    @Test
    void shouldErrorOnPurpose() {
        Object text = "not a number";
        System.out.println("about to fail with an error");
        Integer n = (Integer) text;
        assertEquals(1, n);
    }
}
