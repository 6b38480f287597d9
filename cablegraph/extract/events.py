from cablegraph.extract.context import CableContext

def extract_events(context: CableContext):
    return []
