PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_upstream_nonces` (
	`nonce` text NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_upstream_nonces`("nonce", "seen_at") SELECT "nonce", "seen_at" FROM `upstream_nonces` ORDER BY "seen_at";--> statement-breakpoint
DROP TABLE `upstream_nonces`;--> statement-breakpoint
ALTER TABLE `__new_upstream_nonces` RENAME TO `upstream_nonces`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `upstream_nonces_seen_idx` ON `upstream_nonces` (`seen_at`);