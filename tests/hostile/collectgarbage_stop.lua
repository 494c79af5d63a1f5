-- expect: forbidden
-- Stop the collector so garbage piles up outside the cap's view.
collectgarbage("stop")
