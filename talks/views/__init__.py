"""The talks app's pages: the catalogue, speakers and companies, and a reader's own."""
