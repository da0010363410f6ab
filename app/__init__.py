"""The Streamlit front end. Pages are thin: they call policykg.graph and policykg.queries."""
