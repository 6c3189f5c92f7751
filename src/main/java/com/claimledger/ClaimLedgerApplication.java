package com.claimledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ClaimLedgerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ClaimLedgerApplication.class, args);
    }
}
