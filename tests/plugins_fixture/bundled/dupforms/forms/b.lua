-- The second declaration of the same id, on line 3.

form "visit" { title = "走访二" }
